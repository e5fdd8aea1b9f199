package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.Map;

/**
 * Max pooling over 1 spatial axes, as keras/src/layers/pooling/max_pooling1d.py {@code MaxPooling1D}:
 * each output cell is the maximum of a {@code pool_size} window; windows are {@code strides} apart
 * (default {@code pool_size}). Output length per axis: {@code floor((n - pool_size) / strides) + 1} for padding
 * "valid", {@code floor((n - 1) / strides) + 1} for "same".
 *
 * <p>Input shape {@code (batch, steps, features)} ({@code channels_last}, the default) or channels first; the output
 * keeps the channel count.
 * <pre>{@code new MaxPooling1D(2).strides(1).padding("same")}</pre>
 */
public class MaxPooling1D extends BasePooling<MaxPooling1D> {
    /** Pools windows of 2 along each spatial axis. */
    public MaxPooling1D() {
        this(2);
    }

    /** @param poolSize one int for all 1 spatial axes, or 1 ints, defaulting to 2 */
    public MaxPooling1D(int... poolSize) {
        super(1, true, poolSize);
    }

    /** A MaxPooling1D layer from its Keras config. */
    public static MaxPooling1D fromConfig(Map<String, Object> map) {
        Config c = new Config("MaxPooling1D", map).allow(KEYS);
        return configure(new MaxPooling1D(ConvUtils.ints(c, "pool_size", ConvUtils.filled(1, 2))), c);
    }
}
