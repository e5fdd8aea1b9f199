package io.keras4j.callbacks;

import io.keras4j.layers.Dense;
import io.keras4j.layers.Dropout;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviour of the callbacks in small real training runs (Dense regression, 32 samples). */
class CallbacksTest {
    private static final INDArray X = Nd4j.createFromArray(grid(32, 3)).reshape(32, 3);
    private static final INDArray Y = X.mmul(Nd4j.createFromArray(new float[][]{{0.5f}, {-1f}, {2f}})).addi(0.1);

    private static float[] grid(int n, int d) {
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(0.7 * i + 0.3);
        }
        return v;
    }

    private static Sequential model(long seed, Object optimizer) {
        Utils.setRandomSeed(seed);
        Sequential m = new Sequential();
        m.add(new Dense(4, "tanh").inputShape(3));
        m.add(new Dense(1));
        m.compile(optimizer, "mse");
        return m;
    }

    private static FitOptions quiet(int epochs) {
        return new FitOptions().epochs(epochs).batchSize(8).verbose(0).shuffle(false);
    }

    /** A callback that overwrites the logs' "val_loss" with a scripted sequence (runs before the tested one). */
    private static LambdaCallback script(double... valLoss) {
        return new LambdaCallback().onEpochEnd((epoch, logs) -> logs.put("val_loss", valLoss[epoch]));
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresBestWeights() {
        Sequential m = model(1, new SGD(0.05));
        List<List<INDArray>> weightsAtEpochEnd = new ArrayList<>();
        LambdaCallback record = new LambdaCallback().onEpochEnd((e, logs) -> weightsAtEpochEnd.add(m.getWeights()));
        EarlyStopping es = new EarlyStopping().patience(2).restoreBestWeights(true);
        History h = m.fit(X, Y, quiet(20).callbacks(script(1.0, 0.8, 0.9, 0.85, 0.95, 0.7, 0.6), record, es));
        assertEquals(List.of(0, 1, 2, 3), h.epoch());
        assertEquals(3, es.stoppedEpoch());
        assertEquals(1, es.bestEpoch());
        List<INDArray> finalWeights = m.getWeights();
        for (int i = 0; i < finalWeights.size(); i++) {
            assertEquals(weightsAtEpochEnd.get(1).get(i), finalWeights.get(i));
            assertFalse(weightsAtEpochEnd.get(3).get(i).equals(finalWeights.get(i)));
        }
    }

    @Test
    void earlyStoppingHonoursMinDeltaBaselineAndStartEpoch() {
        EarlyStopping minDelta = new EarlyStopping().patience(1).minDelta(0.1);
        History h1 = model(1, "sgd").fit(X, Y, quiet(10).callbacks(script(1.0, 0.95, 0.5, 0.45, 0.1), minDelta));
        assertEquals(2, h1.epoch().size(), "0.95 is not 0.1 better than 1.0: stop at epoch 1");
        EarlyStopping baseline = new EarlyStopping().patience(2).baseline(0.5);
        History h2 = model(1, "sgd").fit(X, Y, quiet(10).callbacks(script(1.0, 0.9, 0.95, 0.97, 0.99), baseline));
        assertEquals(3, h2.epoch().size(), "never below the baseline: the counter is not reset by improvements");
        EarlyStopping late = new EarlyStopping().patience(1).startFromEpoch(3);
        History h3 = model(1, "sgd").fit(X, Y, quiet(10).callbacks(script(1, 2, 3, 4, 5, 6), late));
        assertEquals(5, h3.epoch().size());
        EarlyStopping max = new EarlyStopping().monitor("val_accuracy").patience(1);
        LambdaCallback acc = new LambdaCallback().onEpochEnd((e, logs) -> logs.put("val_accuracy", new double[]{0.5, 0.6, 0.55, 0.7}[e]));
        assertEquals(3, model(1, "sgd").fit(X, Y, quiet(4).callbacks(acc, max)).epoch().size(), "auto mode maximizes accuracy");
    }

    @Test
    void reduceLrOnPlateauLowersTheRateAfterPatience() {
        SGD sgd = new SGD(0.1);
        ReduceLROnPlateau r = new ReduceLROnPlateau().factor(0.5).patience(2);
        History h = model(1, sgd).fit(X, Y, quiet(7).callbacks(script(1, 1, 1, 1, 1, 1, 1), r));
        assertEquals(List.of(0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025),
                h.history().get("learning_rate").stream().map(v -> Math.round(v * 1e6) / 1e6).toList());
        assertEquals(0.0125, sgd.learningRate(), 1e-12);
        SGD floor = new SGD(0.1);
        model(1, floor).fit(X, Y, quiet(6).callbacks(script(1, 1, 1, 1, 1, 1), new ReduceLROnPlateau().patience(1).minLr(0.004).cooldown(1)));
        assertEquals(0.004, floor.learningRate(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau().factor(1.0));
    }

    @Test
    void learningRateSchedulerSetsTheRateBeforeEachEpoch() {
        SGD sgd = new SGD(0.1);
        List<Double> seen = new ArrayList<>();
        LambdaCallback spy = new LambdaCallback().onTrainBatchBegin((b, logs) -> seen.add(sgd.learningRate()));
        History h = model(1, sgd).fit(X, Y, quiet(3).batchSize(32)
                .callbacks(new LearningRateScheduler((epoch, lr) -> epoch == 0 ? lr : lr / 2), spy));
        assertEquals(List.of(0.1, 0.05, 0.025), seen);
        assertEquals(List.of(0.1, 0.05, 0.025), h.history().get("learning_rate").stream().map(v -> Math.round(v * 1e6) / 1e6).toList());
    }

    @Test
    void csvLoggerWritesKerasCsvAndAppends(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("log.csv");
        Sequential m = model(1, "sgd");
        m.compile("sgd", "mse", "mae");
        History h = m.fit(X, Y, quiet(2).callbacks(new CSVLogger(file.toString())));
        String text = Files.readString(file);
        assertTrue(text.startsWith("epoch,loss,mae,val_loss,val_mae\r\n"), text);
        List<String> lines = Files.readAllLines(file);
        assertEquals("0," + CSVLogger.pythonRepr(h.history().get("loss").get(0)) + ","
                + CSVLogger.pythonRepr(h.history().get("mae").get(0)) + ",NA,NA", lines.get(1));
        assertEquals(3, lines.size());
        m.fit(X, Y, quiet(1).callbacks(new CSVLogger(file.toString(), ";", true)));
        lines = Files.readAllLines(file);
        assertEquals(4, lines.size(), "append adds rows without a header");
        assertTrue(lines.get(3).startsWith("0;"));
    }

    @Test
    void csvValuesArePrintedAsPythonPrintsFloats() {
        assertEquals("0.1", CSVLogger.pythonRepr(0.1));
        assertEquals("1e-05", CSVLogger.pythonRepr(1e-5));
        assertEquals("0.0001", CSVLogger.pythonRepr(1e-4));
        assertEquals("123.0", CSVLogger.pythonRepr(123));
        assertEquals("1e+16", CSVLogger.pythonRepr(1e16));
        assertEquals("1234567890123456.0", CSVLogger.pythonRepr(1234567890123456.0));
        assertEquals("-2.5e-07", CSVLogger.pythonRepr(-2.5e-7));
        assertEquals("0.6931471824645996", CSVLogger.pythonRepr((float) Math.log(2)));
        assertEquals("nan", CSVLogger.pythonRepr(Double.NaN));
    }

    @Test
    void terminateOnNaNStopsAndKeepsFiniteWeights() {
        INDArray x = X.dup();
        x.putScalar(new long[]{10, 1}, Double.NaN);
        Sequential m = model(1, "sgd");
        List<Integer> batches = new ArrayList<>();
        History h = m.fit(x, Y, quiet(5).callbacks(new LambdaCallback().onTrainBatchEnd((b, l) -> batches.add(b)), new TerminateOnNaN()));
        assertEquals(List.of(0, 1), batches);
        assertEquals(1, h.epoch().size());
        assertTrue(Double.isNaN(h.history().get("loss").get(0)));
        for (INDArray w : m.getWeights()) {
            assertFalse(w.isNaN().any(), "the invalid batch did not update the weights");
        }
        assertThrows(ArithmeticException.class, () -> model(1, "sgd").fit(x, Y, quiet(1)));
    }

    @Test
    void lambdaCallbackCallsEveryHook() {
        List<String> calls = new ArrayList<>();
        LambdaCallback cb = new LambdaCallback()
                .onTrainBegin(l -> calls.add("train_begin"))
                .onEpochBegin((e, l) -> calls.add("epoch_begin " + e))
                .onTrainBatchBegin((b, l) -> calls.add("batch_begin " + b))
                .onTrainBatchEnd((b, l) -> calls.add("batch_end " + b))
                .onEpochEnd((e, l) -> calls.add("epoch_end " + e + " " + l.keySet()))
                .onTrainEnd(l -> calls.add("train_end"));
        model(1, "sgd").fit(X, Y, quiet(1).batchSize(16).callbacks(cb));
        assertEquals(List.of("train_begin", "epoch_begin 0", "batch_begin 0", "batch_end 0", "batch_begin 1", "batch_end 1",
                "epoch_end 0 [loss]", "train_end"), calls);
    }

    @Test
    void backupAndRestoreResumesAnInterruptedFitExactly(@TempDir Path dir) {
        Sequential reference = model(7, new Adam(0.01));
        reference.fit(X, Y, quiet(5));
        List<INDArray> expected = reference.getWeights();

        BackupAndRestore backup = new BackupAndRestore(dir.resolve("backup").toString());
        Sequential first = model(7, new Adam(0.01));
        LambdaCallback crash = new LambdaCallback().onTrainBatchEnd((b, logs) -> {
            if (first.optimizer().iterations() == 10) {
                throw new IllegalStateException("simulated crash in epoch 3");
            }
        });
        assertThrows(IllegalStateException.class, () -> first.fit(X, Y, quiet(5).callbacks(backup, crash)));
        assertTrue(Files.exists(backup.backupFile()), "the backup of epoch 2 stays after the crash");

        Sequential resumed = model(99, new Adam(0.01));
        List<Integer> epochs = new ArrayList<>();
        History h = resumed.fit(X, Y, quiet(5).callbacks(new BackupAndRestore(dir.resolve("backup").toString()),
                new LambdaCallback().onEpochBegin((e, l) -> epochs.add(e))));
        assertEquals(List.of(2, 3, 4), epochs);
        assertEquals(20, resumed.optimizer().iterations());
        List<INDArray> actual = resumed.getWeights();
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(Nd4j.toFlattened(expected.get(i)).toFloatVector(), Nd4j.toFlattened(actual.get(i)).toFloatVector(), 0f,
                    "weight " + i);
        }
        assertFalse(Files.exists(backup.backupFile()), "a finished fit deletes the backup");
        assertEquals(3, h.epoch().size());
    }

    /**
     * With shuffling and Dropout, a fit interrupted at epoch k and resumed by BackupAndRestore (a new process would
     * rebuild the model under any seed) ends with the weights of the uninterrupted run, bit for bit: the backup
     * holds the shuffle and Dropout generators' state.
     */
    @ParameterizedTest(name = "interrupted at epoch {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void backupAndRestoreResumesExactlyWithShuffleAndDropout(int k, @TempDir Path dir) {
        FitOptions options = new FitOptions().epochs(5).batchSize(8).verbose(0).shuffle(true);
        Sequential reference = dropoutModel(7);
        reference.fit(X, Y, options);
        List<INDArray> expected = reference.getWeights();

        String backupDir = dir.resolve("backup").toString();
        Sequential first = dropoutModel(7);
        LambdaCallback crash = new LambdaCallback().onEpochBegin((epoch, logs) -> {
            if (epoch == k) {
                throw new IllegalStateException("simulated crash at epoch " + k);
            }
        });
        assertThrows(IllegalStateException.class, () -> first.fit(X, Y, options.callbacks(new BackupAndRestore(backupDir), crash)));
        Utils.setRandomSeed(12345);
        Sequential resumed = dropoutModel(99);
        resumed.fit(X, Y, options.callbacks(new BackupAndRestore(backupDir)));
        List<INDArray> actual = resumed.getWeights();
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(Nd4j.toFlattened(expected.get(i)).toFloatVector(), Nd4j.toFlattened(actual.get(i)).toFloatVector(), 0f,
                    "weight " + i);
        }
    }

    private static Sequential dropoutModel(long seed) {
        Utils.setRandomSeed(seed);
        Sequential m = new Sequential();
        m.add(new Dense(16, "relu").inputShape(3));
        m.add(new Dropout(0.3));
        m.add(new Dense(1));
        m.compile(new Adam(0.01), "mse");
        return m;
    }

    @Test
    void historyAndLogsAreKerasShaped() {
        History h = model(1, "sgd").fit(X, Y, quiet(2).validationData(X, Y));
        assertEquals(List.of("loss", "val_loss"), new ArrayList<>(h.history().keySet()));
        Map<String, List<Double>> hist = h.history();
        assertEquals(2, hist.get("val_loss").size());
    }
}
