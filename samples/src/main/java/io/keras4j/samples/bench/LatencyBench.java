package io.keras4j.samples.bench;

import io.keras4j.layers.Dense;
import io.keras4j.layers.Flatten;
import io.keras4j.layers.LSTM;
import io.keras4j.models.Sequential;
import io.keras4j.samples.MnistConvnet;
import io.keras4j.utils.Utils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Single-sample inference latency, as a model serving one request at a time: median and p99 of
 * {@code predictOnBatch(x)} and {@code predict(x)} on a batch of one for the seed MLP (784-512-10), the MNIST convnet
 * ({@link MnistConvnet#model()}) and an LSTM(64) over 20 steps of 8 features followed by Dense(1). Untrained weights
 * (seed 1); each model is warmed up first. Its twin for PyTorch and Keras 3 is
 * {@code samples/src/test/python/latency_bench.py}.
 *
 * <pre>taskset -c 1 java -cp ... io.keras4j.samples.bench.LatencyBench [calls=5000]</pre>
 */
public final class LatencyBench {
    private LatencyBench() {
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Utils.setRandomSeed(1);
        Sequential mlp = new Sequential();
        mlp.add(new Flatten().inputShape(28 * 28));
        mlp.add(new Dense(512, "relu"));
        mlp.add(new Dense(10, "softmax"));
        Sequential lstm = new Sequential();
        lstm.add(new LSTM(64).inputShape(20, 8));
        lstm.add(new Dense(1, "sigmoid"));
        run("mlp", mlp, Nd4j.rand(DataType.FLOAT, 1, 28 * 28), calls);
        run("convnet", MnistConvnet.model(), Nd4j.rand(DataType.FLOAT, 1, 28, 28, 1), calls / 5);
        run("lstm", lstm, Nd4j.rand(DataType.FLOAT, 1, 20, 8), calls / 5);
        System.out.printf(Locale.ROOT, "(OMP_NUM_THREADS=%s, load average %s)%n", System.getenv("OMP_NUM_THREADS"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void run(String name, Sequential model, INDArray x, int calls) {
        report(name, "predictOnBatch", () -> model.predictOnBatch(x), calls);
        report(name, "predict", () -> model.predict(x), calls);
    }

    private static void report(String name, String method, Supplier<INDArray> call, int calls) {
        for (int i = 0; i < Math.max(200, calls / 5); i++) {
            call.get();
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            call.get();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-8s %-15s median %8.1f us  p99 %8.1f us  (%d calls)%n", name, method,
                nanos[calls / 2] / 1e3, nanos[(int) (calls * 0.99)] / 1e3, calls);
    }
}
