package io.keras4j.layers;

import io.keras4j.backend.Layouts;
import io.keras4j.backend.Threads;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

/**
 * The native ND4J pooling ops the pooling layers share, and the geometry they take. A 1D window is lifted
 * to 2D (height 1): {@code (batch, steps, channels)} becomes {@code (batch, 1, steps, channels)}.
 *
 * <p>ND4J's "same" mode pads {@code floor(total / 2)} before and the rest after (more on the right and
 * bottom), as TensorFlow and Keras do.
 */
final class ConvOps {
    static final int VALID = 0;
    static final int SAME = 1;

    /** Kernel, strides and dilation per native spatial axis (2 or 3), the padding mode and the layout. */
    record Window(int[] kernel, int[] strides, int[] dilation, int mode, boolean channelsLast) {
        /** A window of 1, 2 or 3 spatial axes, 1D lifted to 2D. */
        static Window of(int[] kernel, int[] strides, int[] dilation, int mode, boolean channelsLast) {
            return new Window(lift(kernel), lift(strides), lift(dilation), mode, channelsLast);
        }

        private static int[] lift(int[] v) {
            return v.length == 1 ? new int[]{1, v[0]} : v.clone();
        }

        boolean is3d() {
            return kernel.length == 3;
        }

        /**
         * The integer arguments of the pooling ops; {@code divisor} 0 makes average pooling divide by the
         * number of cells inside the input (padding excluded, as Keras).
         */
        int[] poolArgs(int divisor) {
            if (is3d()) {
                return new int[]{kernel[0], kernel[1], kernel[2], strides[0], strides[1], strides[2], 0, 0, 0, 1, 1, 1,
                        mode, divisor, channelsLast ? 1 : 0};
            }
            return new int[]{kernel[0], kernel[1], strides[0], strides[1], 0, 0, 1, 1, mode, divisor, channelsLast ? 1 : 0};
        }
    }

    private ConvOps() {
    }

    /**
     * Runs the native op {@code name} writing into {@code outputs} (null inputs are skipped), with
     * {@link Threads#intraOpThreads()} OpenMP threads.
     */
    static void exec(String name, INDArray[] inputs, INDArray[] outputs, int... args) {
        Threads.execParallel(DynamicCustomOp.builder(name).addInputs(present(inputs)).addOutputs(present(outputs))
                .addIntegerArguments(args).build());
    }

    private static INDArray[] present(INDArray[] arrays) {
        return java.util.Arrays.stream(arrays).filter(java.util.Objects::nonNull).toArray(INDArray[]::new);
    }

    /**
     * {@code x} itself when it lies densely in C order at the start of its buffer (even if ND4J calls it a view),
     * else a C-order copy. ND4J's {@code isView()} is true for reshaped buffers, whose {@code dup} is slow.
     */
    static INDArray contiguous(INDArray x) {
        return Layouts.isDenseC(x) && x.offset() == 0 ? x : x.dup('c');
    }

    /** A rank-3 (1D) array as rank 4 with a height of 1; other ranks unchanged. */
    static INDArray lift(INDArray x, boolean channelsLast) {
        if (x.rank() != 3) {
            return x;
        }
        INDArray c = contiguous(x);
        return channelsLast ? c.reshape('c', x.size(0), 1, x.size(1), x.size(2))
                : c.reshape('c', x.size(0), x.size(1), 1, x.size(2));
    }

    /** The native (2D or 3D) shape of a layer shape: a 1D shape gets a height of 1. */
    static long[] liftShape(long[] shape, boolean channelsLast) {
        if (shape.length != 3) {
            return shape.clone();
        }
        return channelsLast ? new long[]{shape[0], 1, shape[1], shape[2]} : new long[]{shape[0], shape[1], 1, shape[2]};
    }
}
