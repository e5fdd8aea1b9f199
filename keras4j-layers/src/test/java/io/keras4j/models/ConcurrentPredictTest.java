package io.keras4j.models;

import io.keras4j.engine.KerasTensor;
import io.keras4j.layers.Conv2D;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Dropout;
import io.keras4j.layers.Flatten;
import io.keras4j.layers.GlobalAveragePooling1D;
import io.keras4j.layers.Input;
import io.keras4j.layers.LSTM;
import io.keras4j.layers.MaxPooling2D;
import io.keras4j.layers.MultiHeadAttention;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One trained model called from many threads at once (predict, predictOnBatch, apply) gives exactly the serial
 * results: each call has its own execution state. 8 threads, 1,200 calls per model; a second fit or evaluate
 * while fit runs is refused with a clear error.
 */
class ConcurrentPredictTest {
    private static final int THREADS = 8;
    private static final int CALLS = 150;

    record Case(String name, Supplier<Model> model, long[] sampleShape) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> models() {
        return Stream.of(
                new Case("mlp", () -> new Sequential(new Dense(32, "relu").inputShape(20), new Dropout(0.5), new Dense(10, "softmax")),
                        new long[]{20}),
                new Case("convnet", () -> new Sequential(new Conv2D(8, 3).activation("relu").inputShape(12, 12, 1), new MaxPooling2D(2),
                        new Flatten(), new Dense(5, "softmax")), new long[]{12, 12, 1}),
                new Case("lstm", () -> new Sequential(new LSTM(16).inputShape(7, 4), new Dense(3)), new long[]{7, 4}),
                new Case("attention", () -> {
                    KerasTensor x = Input.of(6, 8);
                    KerasTensor a = new MultiHeadAttention(2, 4).applyAll(x, x).get(0);
                    return new Model(x, new Dense(2).apply(new GlobalAveragePooling1D().apply(a)));
                }, new long[]{6, 8}));
    }

    @ParameterizedTest
    @MethodSource("models")
    void manyThreadsGetExactlyTheSerialResults(Case c) throws Exception {
        Model model = c.model().get();
        int inputs = 16;
        List<INDArray> xs = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            long[] shape = new long[c.sampleShape().length + 1];
            shape[0] = 1 + i % 5;
            System.arraycopy(c.sampleShape(), 0, shape, 1, c.sampleShape().length);
            Nd4j.getRandom().setSeed(100 + i);
            INDArray x = Nd4j.rand(DataType.FLOAT, shape);
            xs.add(x);
            expected.add(model.predictOnBatch(x));
        }
        AtomicInteger mismatches = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int seed = t;
                futures.add(pool.submit((Callable<Integer>) () -> {
                    int done = 0;
                    for (int call = 0; call < CALLS; call++) {
                        int i = (seed * 31 + call * 7) % inputs;
                        INDArray x = xs.get(i);
                        INDArray y = switch (call % 3) {
                            case 0 -> model.predictOnBatch(x);
                            case 1 -> model.predict(x, 8);
                            default -> model.apply(x);
                        };
                        if (!y.equals(expected.get(i))) {
                            mismatches.incrementAndGet();
                        }
                        done++;
                    }
                    return done;
                }));
            }
            int total = 0;
            for (Future<Integer> f : futures) {
                total += f.get(120, TimeUnit.SECONDS);
            }
            assertEquals(THREADS * CALLS, total);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, mismatches.get(), c.name() + ": calls whose result differs from the serial one");
        assertTrue(expected.get(0).sumNumber().doubleValue() != 0);
    }

    @org.junit.jupiter.api.Test
    void evaluateFromAnotherThreadWhileFitRunsIsRefusedAndFitCompletes() throws Exception {
        Model model = new Sequential(new Dense(16, "relu").inputShape(8), new Dense(1));
        model.compile("sgd", "mse");
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 512, 8);
        INDArray y = x.sum(true, 1);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch refused = new java.util.concurrent.CountDownLatch(1);
        io.keras4j.callbacks.Callback signal = new io.keras4j.callbacks.Callback() {
            @Override
            public void onTrainBatchEnd(int batch, java.util.Map<String, Double> logs) {
                started.countDown();
                try {
                    refused.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<io.keras4j.callbacks.History> fit = pool.submit(() -> model.fit(x, y,
                    new FitOptions().epochs(2).batchSize(64).verbose(0).callbacks(signal)));
            assertTrue(started.await(30, TimeUnit.SECONDS));
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> model.evaluate(x, y, 32, 0));
            assertTrue(e.getMessage().contains("already running fit or evaluate"), e.getMessage());
            refused.countDown();
            io.keras4j.callbacks.History h = fit.get(60, TimeUnit.SECONDS);
            assertEquals(2, h.history().get("loss").size());
            assertTrue(Double.isFinite(h.history().get("loss").get(1)));
        } finally {
            pool.shutdownNow();
        }
    }

    private static Model seeded(long seed) {
        io.keras4j.utils.Utils.setRandomSeed(seed);
        Model model = new Sequential(new Dense(16, "relu").inputShape(8), new Dense(1));
        model.compile(new io.keras4j.optimizers.SGD(0.05), "mse");
        return model;
    }

    private static INDArray[] data() {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.FLOAT, 256, 8);
        return new INDArray[]{x, x.sum(true, 1)};
    }

    @org.junit.jupiter.api.Test
    void predictWhileFitRunsOnTheSameModelLeavesTrainingBitIdentical() throws Exception {
        INDArray[] xy = data();
        Model reference = seeded(21);
        reference.fit(xy[0], xy[1], new FitOptions().epochs(3).batchSize(32).shuffle(false).verbose(0));
        Model model = seeded(21);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> predictions = pool.submit(() -> {
                int n = 0;
                while (!done.get()) {
                    INDArray y = model.predict(xy[0], 64);
                    assertEquals(256, y.size(0));
                    assertTrue(Double.isFinite(y.sumNumber().doubleValue()));
                    n++;
                }
                return n;
            });
            model.fit(xy[0], xy[1], new FitOptions().epochs(3).batchSize(32).shuffle(false).verbose(0));
            done.set(true);
            assertTrue(predictions.get(60, TimeUnit.SECONDS) > 0);
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < reference.getWeights().size(); i++) {
            assertEquals(reference.getWeights().get(i), model.getWeights().get(i), "weight " + i + " bit-identical to the serial fit");
        }
    }

    @org.junit.jupiter.api.Test
    void twoModelsTrainedInTwoThreadsAtOnceEqualTheirSerialTraining() throws Exception {
        INDArray[] xy = data();
        Model serialA = seeded(31);
        Model serialB = seeded(32);
        FitOptions options = new FitOptions().epochs(3).batchSize(32).shuffle(false).verbose(0);
        serialA.fit(xy[0], xy[1], options);
        serialB.fit(xy[0], xy[1], options);
        Model a = seeded(31);
        Model b = seeded(32);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> fa = pool.submit(() -> a.fit(xy[0], xy[1], options));
            Future<?> fb = pool.submit(() -> b.fit(xy[0], xy[1], options));
            fa.get(60, TimeUnit.SECONDS);
            fb.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < a.getWeights().size(); i++) {
            assertEquals(serialA.getWeights().get(i), a.getWeights().get(i), "model A weight " + i);
            assertEquals(serialB.getWeights().get(i), b.getWeights().get(i), "model B weight " + i);
        }
    }
}
