package io.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** A backup that cannot be written fails the fit clearly and leaves neither a partial temporary nor a damaged backup. */
class BackupAndRestoreFailureTest {
    @TempDir
    Path dir;

    private static Sequential model() {
        Sequential m = new Sequential();
        m.add(new Dense(64, "tanh").inputShape(32));
        m.add(new Dense(1));
        m.compile("adam", "mse");
        return m;
    }

    private static FitOptions options(int epochs, Callback... callbacks) {
        return new FitOptions().epochs(epochs).batchSize(8).verbose(0).shuffle(false).callbacks(callbacks);
    }

    private List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The temporary is a link to /dev/full, where every write fails with ENOSPC: a full disk, for real. */
    @Test
    void aFullDiskFailsTheBackupAndRemovesThePartialTemporary() throws IOException {
        Path devFull = Path.of("/dev/full");
        assumeTrue(Files.exists(devFull), "needs Linux's /dev/full to simulate a full disk");
        Path backupDir = dir.resolve("backup");
        BackupAndRestore backup = new BackupAndRestore(backupDir.toString()).deleteCheckpoint(false);
        Sequential m = model();
        m.fit(Nd4j.rand(16, 32), Nd4j.rand(16, 1), options(1, backup));
        byte[] good = Files.readAllBytes(backup.backupFile());

        Files.createSymbolicLink(backupDir.resolve("training_state.bin.tmp"), devFull);
        // Resumes after epoch 1 and fails writing the backup of epoch 2.
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> m.fit(Nd4j.rand(16, 32), Nd4j.rand(16, 1), options(2, backup)));
        assertTrue(e.getMessage().contains("training_state.bin.tmp") && e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals(List.of("training_state.bin"), names(backupDir), "the partial temporary is gone");
        assertArrayEquals(good, Files.readAllBytes(backup.backupFile()), "the last good backup is intact");
    }

    @Test
    void aFailedMoveRemovesTheTemporary() throws IOException {
        Path backupDir = dir.resolve("backup");
        BackupAndRestore backup = new BackupAndRestore(backupDir.toString());
        // During the epoch a non-empty directory appears where the backup goes: the write succeeds, the move fails.
        LambdaCallback occupy = new LambdaCallback().onEpochBegin((epoch, logs) -> {
            try {
                Files.createDirectories(backupDir.resolve("training_state.bin").resolve("occupied"));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
        Sequential m = model();
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> m.fit(Nd4j.rand(16, 32), Nd4j.rand(16, 1), options(1, occupy, backup)));
        assertTrue(e.getMessage().contains("cannot move"), e.getMessage());
        assertEquals(List.of("training_state.bin"), names(backupDir));
    }
}
