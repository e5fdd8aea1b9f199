package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
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

    @Test
    void temporariesAreNamedRecognisablyBesideTheTarget() throws Exception {
        Path file = dir.resolve("m.keras");
        List<String> seen = new java.util.ArrayList<>();
        AtomicFiles.write(file, out -> {
            try (var files = Files.list(dir)) {
                files.forEach(p -> seen.add(p.getFileName().toString()));
            }
        });
        assertEquals(1, seen.size(), seen.toString());
        assertTrue(seen.get(0).matches("\\.m\\.keras\\.keras4j-tmp-" + ProcessHandle.current().pid() + "-\\d+"), seen.get(0));
    }

    /** What a save killed with kill -9 leaves, and what the next save of the same target removes. */
    @Test
    void theNextSaveRemovesStaleTemporariesOfItsTargetOnly() throws Exception {
        Path file = dir.resolve("m.keras");
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version").redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        gone.waitFor();
        long dead = gone.pid();
        long alive = ProcessHandle.current().pid();
        Path orphan = temp(".m.keras.keras4j-tmp-" + dead + "-1", Duration.ofMinutes(2));
        Path fresh = temp(".m.keras.keras4j-tmp-" + dead + "-2", Duration.ofSeconds(5));
        Path running = temp(".m.keras.keras4j-tmp-" + alive + "-3", Duration.ofMinutes(30));
        Path ancient = temp(".m.keras.keras4j-tmp-" + alive + "-4", Duration.ofHours(2));
        Path otherTarget = temp(".n.keras.keras4j-tmp-" + dead + "-5", Duration.ofHours(2));
        Path notOurs = temp(".m.keras.tmp", Duration.ofHours(2));
        AtomicFiles.write(file, out -> out.write(1));
        assertFalse(Files.exists(orphan), "its writer is gone and it has not changed for 2 minutes");
        assertTrue(Files.exists(fresh), "written 5 s ago: it may belong to a writer in another container");
        assertTrue(Files.exists(running), "its writer is alive");
        assertFalse(Files.exists(ancient), "unchanged for 2 hours, whatever its pid says");
        assertTrue(Files.exists(otherTarget), "another target's temporaries are left to its own saves");
        assertTrue(Files.exists(notOurs), "files not named by keras4j are never touched");
        assertEquals(List.of(".m.keras.keras4j-tmp-" + dead + "-2", ".m.keras.keras4j-tmp-" + alive + "-3", ".m.keras.tmp",
                ".n.keras.keras4j-tmp-" + dead + "-5", "m.keras").stream().sorted().toList(), list().stream().map(p -> p.getFileName().toString()).sorted().toList());
    }

    private Path temp(String name, Duration age) throws IOException {
        Path p = Files.write(dir.resolve(name), new byte[]{1, 2, 3});
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(age)));
        return p;
    }

    private List<Path> list() throws IOException {
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }
}
