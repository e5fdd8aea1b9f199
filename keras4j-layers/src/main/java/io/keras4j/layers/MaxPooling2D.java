package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.Map;

/**
 * Max pooling over 2 spatial axes, as keras/src/layers/pooling/max_pooling2d.py {@code MaxPooling2D}:
 * each output cell is the maximum of a {@code pool_size} window; windows are {@code strides} apart
 * (default {@code pool_size}). Output length per axis: {@code floor((n - pool_size) / strides) + 1} for padding
 * "valid", {@code floor((n - 1) / strides) + 1} for "same".
 *
 * <p>Input shape {@code (batch, height, width, channels)} ({@code channels_last}, the default) or channels first; the output
 * keeps the channel count.
 * <pre>{@code new MaxPooling2D(2).strides(1).padding("same")}</pre>
 */
public class MaxPooling2D extends BasePooling<MaxPooling2D> {
    /** Pools windows of 2 along each spatial axis. */
    public MaxPooling2D() {
        this(2);
    }

    /** @param poolSize one int for all 2 spatial axes, or 2 ints, defaulting to 2 */
    public MaxPooling2D(int... poolSize) {
        super(2, true, poolSize);
    }

    /** A MaxPooling2D layer from its Keras config. */
    public static MaxPooling2D fromConfig(Map<String, Object> map) {
        Config c = new Config("MaxPooling2D", map).allow(KEYS);
        return configure(new MaxPooling2D(ConvUtils.ints(c, "pool_size", ConvUtils.filled(2, 2))), c);
    }
}
