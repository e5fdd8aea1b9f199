package io.keras4j.samples.bench;

import io.keras4j.models.FitOptions;
import io.keras4j.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The measurement the training benchmarks share: one warm-up epoch of {@code fit}, then {@code epochs} timed epochs,
 * each printed, then the medians of samples/s (wall clock) and samples per CPU-second of the whole process (which
 * stays meaningful on a machine shared with other jobs).
 */
final class FitThroughput {
    private FitThroughput() {
    }

    /** Trains {@code model} (compiled) on {@code x, y} with {@code options} and prints the figures under {@code label}. */
    static void measure(String label, Model model, INDArray x, INDArray y, FitOptions options, int epochs) {
        long n = x.size(0);
        model.fit(x, y, options);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] rates = new double[epochs];
        double[] cpuRates = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            long start = System.nanoTime();
            long cpuStart = os.getProcessCpuTime();
            model.fit(x, y, options);
            rates[e] = n / ((System.nanoTime() - start) / 1e9);
            cpuRates[e] = n / ((os.getProcessCpuTime() - cpuStart) / 1e9);
            System.out.printf("epoch %d: %.0f samples/s wall, %.0f samples per CPU-second%n", e + 1, rates[e], cpuRates[e]);
        }
        Arrays.sort(rates);
        Arrays.sort(cpuRates);
        System.out.printf("keras4j %s training: %.0f samples/s wall, %.0f samples per CPU-second (median of %d epochs of %d samples,"
                + " OMP_NUM_THREADS=%s)%n", label, rates[epochs / 2], cpuRates[epochs / 2], epochs, n,
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
    }
}
