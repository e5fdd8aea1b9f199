package io.keras4j.utils;

import io.keras4j.callbacks.Callback;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Input;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PyDatasetTest {
    private static final int N = 50;
    private static final int BATCH = 16;
    private static final INDArray X = Nd4j.linspace(-1, 1, N * 3, DataType.FLOAT).reshape(N, 3);
    private static final INDArray Y = X.mmul(Nd4j.createFromArray(new float[][]{{1}, {-2}, {0.5f}})).addi(0.25);

    /** The rows of X and Y in batches of 16 (the last one of 2), as Keras's array adapter cuts them. */
    static class Slices extends PyDataset {
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger epochEnds = new AtomicInteger();
        final boolean withTargets;

        Slices(int workers, boolean withTargets) {
            super(workers, 3);
            this.withTargets = withTargets;
        }

        @Override
        public int length() {
            return (N + BATCH - 1) / BATCH;
        }

        @Override
        public Batch get(int i) {
            threads.add(Thread.currentThread().getName());
            INDArray x = X.get(NDArrayIndex.interval(i * BATCH, Math.min(N, (i + 1) * BATCH)), NDArrayIndex.all()).dup();
            INDArray y = Y.get(NDArrayIndex.interval(i * BATCH, Math.min(N, (i + 1) * BATCH)), NDArrayIndex.all()).dup();
            return withTargets ? Batch.of(x, y) : Batch.of(x);
        }

        @Override
        public void onEpochEnd() {
            epochEnds.incrementAndGet();
        }
    }

    private static Model model() {
        Utils.setRandomSeed(7);
        var in = Input.of(3);
        Model m = new Model(in, new Dense(1).apply(new Dense(4, "tanh").apply(in)));
        m.compile("sgd", "mse");
        return m;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void fitOnBatchesEqualsFitOnTheSameArraysUnshuffled(int workers) {
        Model arrays = model();
        arrays.fit(X, Y, new FitOptions().epochs(3).batchSize(BATCH).shuffle(false).verbose(0));
        Model streamed = model();
        Slices data = new Slices(workers, true);
        var history = streamed.fit(data, new FitOptions().epochs(3).shuffle(false).verbose(0));
        assertEquals(3, history.history().get("loss").size());
        assertEquals(3, data.epochEnds.get());
        for (int i = 0; i < arrays.getWeights().size(); i++) {
            assertArrayEquals(arrays.getWeights().get(i).data().asFloat(), streamed.getWeights().get(i).data().asFloat(), 1e-6f);
        }
        boolean onWorkers = data.threads.stream().allMatch(t -> t.startsWith("keras4j-pydataset-worker"));
        assertEquals(workers > 1, onWorkers, data.threads.toString());
    }

    @Test
    void fitReportsEveryStepWithTheKnownStepCount() {
        List<Integer> steps = new ArrayList<>();
        List<Object> declared = new ArrayList<>();
        Callback probe = new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                steps.add(batch);
                declared.add(params().get("steps"));
            }
        };
        model().fit(new Slices(1, true), new FitOptions().epochs(1).verbose(0).callbacks(probe));
        assertEquals(List.of(0, 1, 2, 3), steps);
        assertEquals(Collections.nCopies(4, 4), declared);
    }

    @Test
    void shuffleVisitsEveryBatchOncePerEpoch() {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        Slices data = new Slices(1, true) {
            @Override
            public Batch get(int i) {
                seen.add(i);
                return super.get(i);
            }
        };
        model().fit(data, new FitOptions().epochs(2).verbose(0));
        assertEquals(8, seen.size());
        assertEquals(Set.of(0, 1, 2, 3), Set.copyOf(seen.subList(0, 4)));
        assertEquals(Set.of(0, 1, 2, 3), Set.copyOf(seen.subList(4, 8)));
    }

    @Test
    void evaluateAndPredictMatchTheArrayForms() {
        Model m = model();
        assertArrayEquals(m.evaluate(X, Y, BATCH, 0), m.evaluate(new Slices(2, true)), 1e-6);
        INDArray streamed = m.predict(new Slices(2, false));
        assertArrayEquals(new long[]{N, 1}, streamed.shape());
        assertArrayEquals(m.predict(X).data().asFloat(), streamed.data().asFloat(), 1e-6f);
    }

    @Test
    void validationDataMayBeAPyDataset() {
        Model m = model();
        var history = m.fit(X, Y, new FitOptions().epochs(1).batchSize(BATCH).verbose(0)
                .validationData(new Slices(2, true)));
        assertEquals(m.evaluate(X, Y, BATCH, 0)[0], history.history().get("val_loss").get(0), 1e-6);
    }

    @Test
    void batchWithoutTargetsIsRejectedByFitNamingTheDataset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model().fit(new Slices(1, false), new FitOptions().verbose(0)));
        assertTrue(e.getMessage().startsWith("fit: the PyDataset") && e.getMessage().contains("without targets"), e.getMessage());
    }

    @Test
    void errorsInWorkerThreadsReachTheCaller() {
        Slices failing = new Slices(2, true) {
            @Override
            public Batch get(int i) {
                if (i == 2) {
                    throw new IllegalStateException("disk gone at batch 2");
                }
                return super.get(i);
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model().fit(failing, new FitOptions().shuffle(false).verbose(0)));
        assertEquals("disk gone at batch 2", e.getMessage());
    }

    @Test
    void emptyDatasetAndBadWorkerCountsAreRejected() {
        PyDataset empty = new Slices(1, true) {
            @Override
            public int length() {
                return 0;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model().fit(empty, new FitOptions()));
        assertTrue(e.getMessage().contains("length() must be a positive number of batches, got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Slices(0, true));
    }
}
