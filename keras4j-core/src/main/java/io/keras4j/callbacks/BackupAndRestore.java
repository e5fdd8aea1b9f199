package io.keras4j.callbacks;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Backs up the training state after every epoch so that an interrupted {@code fit} resumes from its last
 * completed epoch, as keras/src/callbacks/backup_and_restore.py {@code BackupAndRestore} with
 * {@code save_freq="epoch"}.
 *
 * <p>The backup ({@code backup_dir/training_state.bin}, see {@link TrainingState}) holds the model weights,
 * the optimizer's iterations, learning rate and per-variable state, the number of completed epochs and the global
 * random state (the shuffle order and unseeded Dropout/noise draws), so that the resumed run equals the uninterrupted
 * one bit for bit;
 * it is written to a temporary file and moved into place, so a crash never leaves a half-written backup.
 * At the start of {@code fit} an existing backup is loaded and {@code fit} continues at the saved epoch.
 * When training ends normally the backup is deleted ({@code delete_checkpoint}, default true); when it is
 * interrupted by an exception the backup stays for the next run. Run the same script again (same data) to finish
 * the training.
 *
 * <pre>{@code
 * model.fit(x, y, new FitOptions().epochs(10).callbacks(new BackupAndRestore("/tmp/backup")));
 * }</pre>
 */
public class BackupAndRestore extends Callback {
    private final Path backupDir;
    private final Path file;
    private boolean deleteCheckpoint = true;
    private int currentEpoch;

    public BackupAndRestore(String backupDir) {
        if (backupDir == null || backupDir.isEmpty()) {
            throw new IllegalArgumentException("BackupAndRestore: empty `backup_dir` is not allowed");
        }
        this.backupDir = Path.of(backupDir);
        this.file = this.backupDir.resolve("training_state.bin");
    }

    /** Only "epoch" is supported (Keras also accepts a batch count). */
    public BackupAndRestore saveFreq(String saveFreq) {
        if (!"epoch".equals(saveFreq)) {
            throw new IllegalArgumentException("BackupAndRestore: `save_freq` '" + saveFreq + "' is not supported; expected 'epoch'");
        }
        return this;
    }

    /** Whether to delete the backup when training ends normally (default true). */
    public BackupAndRestore deleteCheckpoint(boolean delete) {
        this.deleteCheckpoint = delete;
        return this;
    }

    /** The backup file. */
    public Path backupFile() {
        return file;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        if (!model().compiled()) {
            throw new IllegalStateException("BackupAndRestore: the model must be compiled before fit");
        }
        if (!Files.exists(file)) {
            return;
        }
        TrainingState state = TrainingState.read(file);
        state.restore(model());
        currentEpoch = state.epoch;
        model().setInitialEpoch(state.epoch);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        currentEpoch = epoch + 1;
        try {
            Files.createDirectories(backupDir);
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore: cannot create " + backupDir, e);
        }
        TrainingState.capture(model(), currentEpoch).write(file);
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (deleteCheckpoint) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("BackupAndRestore: cannot delete " + file, e);
            }
        }
    }
}
