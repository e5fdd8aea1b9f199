package io.keras4j.samples.bench;

import io.keras4j.layers.Dense;
import io.keras4j.layers.Dropout;
import io.keras4j.layers.Flatten;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.utils.Utils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;

/**
 * Native-memory soak test of a long-running service: the seed MLP (784-512-10 with Dropout, RMSprop) runs
 * {@code iterations} times {@code fit} on 256 samples (2 batches of 128) and {@code predict} on 128 samples, with the
 * JVM's default settings, and prints the resident memory (VmRSS) and the Java heap every {@code every} iterations.
 * Flat RSS means keras4j releases what each step allocates natively instead of waiting for the garbage collector.
 *
 * <pre>mvn -pl samples exec:exec@soak -Dsample.args="20000 1000"   (iterations, print every)</pre>
 */
public final class SoakBench {
    private SoakBench() {
    }

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        int every = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Utils.setRandomSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 256, 28 * 28);
        INDArray y = Utils.toCategorical(Nd4j.randomBernoulli(0.5, 256).castTo(DataType.INT).muli(9));
        INDArray probe = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 128)).dup();
        Sequential model = new Sequential();
        model.add(new Flatten().inputShape(28 * 28));
        model.add(new Dense(512, "relu"));
        model.add(new Dropout(0.2));
        model.add(new Dense(10, "softmax"));
        model.compile("rmsprop", "categorical_crossentropy", "accuracy");
        FitOptions options = new FitOptions().epochs(1).batchSize(128).verbose(0);
        Runtime rt = Runtime.getRuntime();
        long start = System.nanoTime();
        System.out.printf(Locale.ROOT, "%10s %10s %10s %8s%n", "iteration", "RSS MB", "heap MB", "s");
        for (int i = 1; i <= iterations; i++) {
            model.fit(x, y, options);
            model.predict(probe, 128);
            if (i % every == 0 || i == 1) {
                System.out.printf(Locale.ROOT, "%10d %10.0f %10.0f %8.1f%n", i, PeakMemory.residentBytes() / 1e6,
                        (rt.totalMemory() - rt.freeMemory()) / 1e6, (System.nanoTime() - start) / 1e9);
            }
        }
        System.out.printf(Locale.ROOT, "SoakBench: %d iterations, peak RSS %.0f MB, max heap %.0f MB%n", iterations,
                PeakMemory.peakResidentBytes() / 1e6, rt.maxMemory() / 1e6);
    }
}
