package io.keras4j.saving;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes a file through a temporary file in the same directory, then moves it into place.
 *
 * <p>Temporary files are named {@code .<target name>.keras4j-tmp-<pid>-<random>}. A process killed while saving
 * (kill -9, power loss) leaves its temporary behind; the next save of the same target removes the stale ones: those
 * not modified for {@link #ORPHAN_AGE} whose writing process (the pid in the name) is no longer running, and any not
 * modified for {@link #STALE_AGE} (a pid reused, or a writer on another machine or container sharing the directory,
 * where pids mean nothing). A save in progress, in this process or another, keeps its temporary.
 */
final class AtomicFiles {
    /** The marker in the name of every temporary file keras4j writes beside a target. */
    static final String TEMP_MARK = ".keras4j-tmp-";
    /** A temporary whose writer is gone is removed once it has not changed for this long. */
    static final Duration ORPHAN_AGE = Duration.ofMinutes(1);
    /** Any temporary of ours is removed once it has not changed for this long (no save pauses that long). */
    static final Duration STALE_AGE = Duration.ofHours(1);
    private static final long PID = ProcessHandle.current().pid();

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
     * file beside {@code target} (which does not exist yet), which is then moved into place.
     */
    static void writeFile(Path target, FileWriter writer) {
        Path file = target.toAbsolutePath();
        Path temp = null;
        try {
            temp = scratch(file);
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
            temp = scratch(file);
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

    /**
     * A new empty temporary file beside {@code target}, named as keras4j's temporaries are, after removing the stale
     * ones of that target; the caller deletes or moves it.
     */
    static Path scratch(Path target) throws IOException {
        Path file = target.toAbsolutePath();
        removeStale(file);
        return Files.createTempFile(file.getParent(), "." + file.getFileName() + TEMP_MARK + PID + "-", "");
    }

    /** Removes the stale temporaries of {@code target} (see the class comment); failures are ignored. */
    static void removeStale(Path target) {
        String prefix = "." + target.getFileName() + TEMP_MARK;
        Instant now = Instant.now();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(target.getParent(),
                p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path temp : files) {
                try {
                    Duration age = Duration.between(Files.getLastModifiedTime(temp).toInstant(), now);
                    if (age.compareTo(STALE_AGE) > 0 || age.compareTo(ORPHAN_AGE) > 0 && !writerAlive(temp, prefix)) {
                        Files.deleteIfExists(temp);
                    }
                } catch (IOException e) {
                    // Another process removed or is replacing it; a temporary left here costs only disk space.
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // An unreadable directory fails the save itself a moment later, with a clearer message.
        }
    }

    /** Whether the process whose pid the temporary's name holds is running; true when the name holds none. */
    private static boolean writerAlive(Path temp, String prefix) {
        String rest = temp.getFileName().toString().substring(prefix.length());
        int dash = rest.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
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
