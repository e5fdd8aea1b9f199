package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.Arrays;
import java.util.List;

/**
 * Argument checks and shape arithmetic of the convolutional and pooling layers, as
 * keras/src/utils/argument_validation.py {@code standardize_tuple}, keras/src/backend/config.py
 * {@code standardize_data_format} and keras/src/ops/operation_utils.py {@code compute_conv_output_shape}
 * and {@code compute_pooling_output_shape}.
 */
final class ConvUtils {
    private ConvUtils() {
    }

    /** An int or an n-tuple as an n-tuple of positive ints (zero allowed when {@code allowZero}). */
    static int[] tuple(String layer, String arg, int n, boolean allowZero, int... value) {
        if (value == null || (value.length != 1 && value.length != n)) {
            throw new IllegalArgumentException(layer + ": the `" + arg + "` argument must be an int or a tuple of " + n
                    + " integers, got " + Arrays.toString(value));
        }
        int[] out = value.length == 1 ? filled(n, value[0]) : value.clone();
        for (int v : out) {
            if (v < 0 || (v == 0 && !allowZero)) {
                throw new IllegalArgumentException(layer + ": the `" + arg + "` argument must be a tuple of " + n + " integers "
                        + (allowZero ? ">= 0" : "> 0") + ", got " + Arrays.toString(value));
            }
        }
        return out;
    }

    static int[] filled(int n, int v) {
        int[] out = new int[n];
        Arrays.fill(out, v);
        return out;
    }

    /** "valid", "same" (or "causal" when allowed), case-insensitive, as Keras's {@code standardize_padding}. */
    static String padding(String layer, String padding, boolean allowCausal) {
        String p = padding == null ? "" : padding.toLowerCase();
        List<String> allowed = allowCausal ? List.of("valid", "same", "causal") : List.of("valid", "same");
        if (!allowed.contains(p)) {
            throw new IllegalArgumentException(layer + ": the `padding` argument must be one of " + allowed + ", got " + padding);
        }
        return p;
    }

    /** "channels_last" (the default, for null) or "channels_first". */
    static String dataFormat(String layer, String dataFormat) {
        if (dataFormat == null) {
            return "channels_last";
        }
        String f = dataFormat.toLowerCase();
        if (!f.equals("channels_last") && !f.equals("channels_first")) {
            throw new IllegalArgumentException(layer + ": the `data_format` argument must be one of "
                    + "[channels_first, channels_last], got " + dataFormat);
        }
        return f;
    }

    /** The native pooling padding mode of a Keras padding name. */
    static int mode(String padding) {
        return padding.equals("same") ? ConvOps.SAME : ConvOps.VALID;
    }

    /**
     * The output length of a convolution or pooling axis ({@code -1} for unknown): "valid" gives
     * {@code floor((in - dilation * (k - 1) - 1) / stride) + 1}, "same" and "causal" {@code floor((in - 1) / stride) + 1}.
     */
    static long outputLength(String layer, long in, int k, int stride, int dilation, String padding) {
        if (in < 0) {
            return -1;
        }
        long out = padding.equals("valid") ? Math.floorDiv(in - (long) dilation * (k - 1) - 1, stride) + 1
                : Math.floorDiv(in - 1, stride) + 1;
        if (out <= 0) {
            throw new IllegalArgumentException(layer + ": computed output size would be " + out + " for an input axis of size "
                    + in + " with kernel/pool size " + k + ", strides " + stride + ", dilation " + dilation + " and padding \""
                    + padding + "\"");
        }
        return out;
    }

    /** The first spatial axis of a (batch, ...) shape. */
    static int firstSpatialAxis(boolean channelsLast) {
        return channelsLast ? 1 : 2;
    }

    /** The channel axis of a shape of the given total rank. */
    static int channelAxis(int ndim, boolean channelsLast) {
        return channelsLast ? ndim - 1 : 1;
    }

    /** Reads an int-or-tuple key ("kernel_size") as an int array, or {@code defaultValue} when absent. */
    static int[] ints(Config c, String key, int[] defaultValue) {
        if (!c.has(key)) {
            return defaultValue;
        }
        return Arrays.stream(c.getLongs(key)).mapToInt(Math::toIntExact).toArray();
    }
}
