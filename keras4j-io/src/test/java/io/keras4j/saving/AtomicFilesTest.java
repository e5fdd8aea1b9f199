package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheTargetWhenTheWriterSucceeds() throws Exception {
        Path file = dir.resolve("f.bin");
        Files.writeString(file, "old");
        AtomicFiles.write(file, out -> out.write("new".getBytes()));
        assertEquals("new", Files.readString(file));
        assertEquals(List.of(file), list());
    }

    @Test
    void keepsTheTargetAndRemovesTheTempFileWhenTheWriterThrows() throws Exception {
        Path file = dir.resolve("f.bin");
        Files.writeString(file, "old");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[1 << 20]);
            throw new IllegalStateException("midway");
        }));
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(file, out -> {
            out.write(1);
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), list());
    }

    @Test
    void givesNewFilesReadablePermissionsAndKeepsExistingOnes() throws Exception {
        Path fresh = dir.resolve("fresh.bin");
        AtomicFiles.write(fresh, out -> out.write(1));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.write(fresh, out -> out.write(2));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    }

    private List<Path> list() throws IOException {
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }
}
