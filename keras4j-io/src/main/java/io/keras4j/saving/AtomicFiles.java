package io.keras4j.saving;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a file through a temporary file in the same directory, then moves it into place. */
final class AtomicFiles {

    /** Writes the content of a file to a stream; the stream is closed by the caller. */
    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes the content of a file to a path (a library that wants a file name, such as jhdf). */
    @FunctionalInterface
    interface FileWriter {
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Like {@link #write(Path, Writer)} for writers that need a file name: {@code writer} fills a temporary
     * file beside {@code target}, which is then moved into place.
     */
    static void writeFile(Path target, FileWriter writer) {
        Path file = target.toAbsolutePath();
        Path temp = null;
        try {
            temp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
            Files.delete(temp);
            writer.writeTo(temp);
            keepPermissions(file, temp);
            move(temp, file);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": could not write: " + e, e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * Writes {@code target} atomically: either the whole new content is in place, or (on any
     * exception) the old file is untouched and no temporary file is left behind.
     *
     * @throws UncheckedIOException if the file system fails
     */
    static void write(Path target, Writer writer) {
        Path file = target.toAbsolutePath();
        Path temp = null;
        try {
            temp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                writer.writeTo(out);
            }
            keepPermissions(file, temp);
            move(temp, file);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": could not write: " + e, e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /** Temporary files are private (rw-------); give the result the old file's or the usual rw-r--r--. */
    private static void keepPermissions(Path file, Path temp) throws IOException {
        if (!temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Files.setPosixFilePermissions(temp, Files.exists(file)
                ? Files.getPosixFilePermissions(file)
                : PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static void move(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // The original failure is what the caller needs to see.
        }
    }
}
