package io.keras4j.samples.bench;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import io.keras4j.layers.Conv2DTranspose;
import io.keras4j.layers.Conv3D;
import io.keras4j.layers.DepthwiseConv2D;
import io.keras4j.layers.SeparableConv2D;
import io.keras4j.utils.Utils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Forward and backward time per batch of the depthwise, separable, transposed and 3D convolutions, each layer alone
 * (float32, channels_last, training mode, input gradient requested): one warm-up step, then {@code steps} timed steps;
 * prints the median wall milliseconds of the forward pass, the backward pass and their sum, and the median process CPU
 * milliseconds of a step, which stays meaningful on a machine shared with other jobs (with {@code OMP_NUM_THREADS=1} it
 * is the single-core time).
 *
 * <p>Cases: DepthwiseConv2D 3x3 "same" and SeparableConv2D 64 filters 3x3 "same" on batch 64 of 32x32x64 inputs
 * (depth_multiplier 1); Conv2DTranspose 64 filters 3x3 strides 2 "same" on batch 64 of 16x16x64 inputs (32x32x64
 * outputs); Conv3D 16 filters 3x3x3 "same" on batch 8 of 16x16x16x8 inputs.
 *
 * <p>Usage: {@code ConvFamilyBench [steps]} (default 10); {@code OMP_NUM_THREADS} sets the thread count.
 *
 * <p>Most of the backward time of the native (oneDNN) depthwise and 3D convolutions is page faults: ND4J's oneDNN glue
 * allocates its reorder buffers on every call and glibc returns them to the system when they are freed (about 8,000
 * minor faults per 64x32x32x64 step). With {@code MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=33554432
 * MALLOC_TRIM_THRESHOLD_=4294967296} in the environment most of them go away (buffers of 32 MB or more are always
 * mapped anew).
 */
public final class ConvFamilyBench {
    private record Case(String label, Supplier<Layer> factory, long... inputShape) {
    }

    private ConvFamilyBench() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Utils.setRandomSeed(42);
        List<Case> cases = List.of(
                new Case("DepthwiseConv2D 3x3 same, 64x32x32x64", () -> new DepthwiseConv2D(3).padding("same"), 64, 32, 32, 64),
                new Case("SeparableConv2D 64 3x3 same, 64x32x32x64", () -> new SeparableConv2D(64, 3).padding("same"), 64, 32, 32, 64),
                new Case("Conv2DTranspose 64 3x3 s2 same, 64x16x16x64", () -> new Conv2DTranspose(64, 3).strides(2).padding("same"),
                        64, 16, 16, 64),
                new Case("Conv3D 16 3x3x3 same, 8x16x16x16x8", () -> new Conv3D(16, 3).padding("same"), 8, 16, 16, 16, 8));
        for (Case c : cases) {
            run(c, steps);
        }
    }

    private static void run(Case c, int steps) {
        Layer layer = c.factory().get();
        INDArray x = Nd4j.rand(DataType.FLOAT, c.inputShape());
        layer.applyAll(false, x);
        CallContext ctx = new CallContext();
        double[] forward = new double[steps];
        double[] backward = new double[steps];
        double[] cpu = new double[steps];
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        INDArray dy = null;
        for (int step = -1; step < steps; step++) {
            layer.weights().forEach(Variable::resetGradient);
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            ctx.begin(true, new boolean[]{true});
            INDArray y = layer.call(new INDArray[]{x}, ctx)[0];
            long middle = System.nanoTime();
            if (dy == null) {
                dy = Nd4j.rand(DataType.FLOAT, y.shape());
            }
            layer.backward(new INDArray[]{dy}, ctx);
            long end = System.nanoTime();
            long cpuEnd = os.getProcessCpuTime();
            if (step >= 0) {
                forward[step] = (middle - start) / 1e6;
                backward[step] = (end - middle) / 1e6;
                cpu[step] = (cpuEnd - cpuStart) / 1e6;
            }
        }
        double f = median(forward);
        double b = median(backward);
        System.out.printf("%-46s forward %7.1f ms  backward %7.1f ms  step %7.1f ms wall, %7.1f ms CPU (median of %d,"
                + " OMP_NUM_THREADS=%s)%n", c.label(), f, b, f + b, median(cpu), steps,
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
