package io.keras4j.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * The geometry of a convolution or pooling op over 1, 2 or 3 spatial axes, validated once: window, strides, dilation,
 * padding ("valid" or "same", which pads {@code floor(total / 2)} before, as TensorFlow and Keras) and data format.
 * A 1-D input {@code (batch, steps, channels)} runs on ND4J's 2-D ops with a height of 1.
 */
record Window(int[] kernel, int[] strides, int[] dilation, boolean same, boolean channelsLast, boolean oneD) {

    /**
     * @param values  one value for every spatial axis, or one per axis
     * @param spatial the number of spatial axes
     */
    static int[] expand(String op, String argument, int[] values, int spatial) {
        if (values.length == 1) {
            int[] out = new int[spatial];
            Arrays.fill(out, values[0]);
            return out;
        }
        if (values.length != spatial) {
            throw new IllegalArgumentException("ops." + op + ": " + argument + " must have 1 or " + spatial + " values for "
                    + spatial + " spatial axes, got " + Arrays.toString(values));
        }
        for (int v : values) {
            if (v < 1) {
                throw new IllegalArgumentException("ops." + op + ": " + argument + " must be >= 1, got " + Arrays.toString(values));
            }
        }
        return values.clone();
    }

    /** Validates the input's rank and the arguments; {@code kernel} holds the window's spatial sizes. */
    static Window of(String op, INDArray inputs, int[] kernel, int[] strides, int[] dilation, String padding, String dataFormat) {
        if (inputs.rank() < 3 || inputs.rank() > 5) {
            throw new IllegalArgumentException("ops." + op + ": inputs must have rank 3 (1-D: batch, steps, channels), 4 (2-D) or 5 "
                    + "(3-D), got shape " + Axes.shape(inputs.shape()));
        }
        if (!"valid".equals(padding) && !"same".equals(padding)) {
            throw new IllegalArgumentException("ops." + op + ": padding must be 'valid' or 'same', got '" + padding + "'");
        }
        String format = dataFormat == null ? "channels_last" : dataFormat;
        if (!format.equals("channels_last") && !format.equals("channels_first")) {
            throw new IllegalArgumentException("ops." + op + ": data_format must be 'channels_last' or 'channels_first', got '"
                    + dataFormat + "'");
        }
        int spatial = inputs.rank() - 2;
        int[] k = expand(op, "kernel size", kernel, spatial);
        int[] s = expand(op, "strides", strides, spatial);
        int[] d = expand(op, "dilation_rate", dilation, spatial);
        boolean last = format.equals("channels_last");
        Window w = new Window(lift(k), lift(s), lift(d), padding.equals("same"), last, spatial == 1);
        long[] native4 = w.liftShape(inputs.shape());
        for (int i = 0; i < w.kernel.length && !w.same; i++) {
            long n = native4[last ? 1 + i : 2 + i];
            long extent = (long) (w.kernel[i] - 1) * w.dilation[i] + 1;
            if (extent > n) {
                throw new IllegalArgumentException("ops." + op + ": the window (" + extent + " with dilation) is larger than spatial axis "
                        + (spatial == 1 ? 0 : i) + " of size " + n + " with padding 'valid' (inputs shape "
                        + Axes.shape(inputs.shape()) + ")");
            }
        }
        return w;
    }

    private static int[] lift(int[] v) {
        return v.length == 1 ? new int[]{1, v[0]} : v;
    }

    int channelAxis(int rank) {
        return channelsLast ? rank - 1 : 1;
    }

    /** The shape as the 2-D ops take it. */
    long[] liftShape(long[] shape) {
        if (!oneD) {
            return shape;
        }
        return channelsLast ? new long[]{shape[0], 1, shape[1], shape[2]} : new long[]{shape[0], shape[1], 1, shape[2]};
    }

    /** A native-shaped result back in the caller's rank. */
    long[] lowerShape(long[] shape) {
        if (!oneD) {
            return shape;
        }
        return channelsLast ? new long[]{shape[0], shape[2], shape[3]} : new long[]{shape[0], shape[1], shape[3]};
    }

    /** Whether the window has 3 spatial axes (ND4J's {@code *3dnew} ops). */
    boolean is3d() {
        return kernel.length == 3;
    }

    /**
     * {@code kH, kW, sH, sW, pH, pW, dH, dW, isSameMode} (with a depth entry first in each group for 3-D) then
     * {@code tail}: the integer arguments of the native ops.
     */
    int[] args(int... tail) {
        int[] head = is3d()
                ? new int[]{kernel[0], kernel[1], kernel[2], strides[0], strides[1], strides[2], 0, 0, 0, dilation[0], dilation[1],
                        dilation[2], same ? 1 : 0}
                : new int[]{kernel[0], kernel[1], strides[0], strides[1], 0, 0, dilation[0], dilation[1], same ? 1 : 0};
        int[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }
}
