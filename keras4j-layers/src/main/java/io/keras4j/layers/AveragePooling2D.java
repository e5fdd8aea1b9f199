package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.Map;

/**
 * Average pooling over 2 spatial axes, as keras/src/layers/pooling/average_pooling2d.py {@code AveragePooling2D}:
 * each output cell is the mean (padded cells excluded) of a {@code pool_size} window; windows are {@code strides} apart
 * (default {@code pool_size}). Output length per axis: {@code floor((n - pool_size) / strides) + 1} for padding
 * "valid", {@code floor((n - 1) / strides) + 1} for "same".
 *
 * <p>Input shape {@code (batch, height, width, channels)} ({@code channels_last}, the default) or channels first; the output
 * keeps the channel count.
 * <pre>{@code new AveragePooling2D(2).strides(1).padding("same")}</pre>
 */
public class AveragePooling2D extends BasePooling<AveragePooling2D> {
    /** @param poolSize one int for all 2 spatial axes, or 2 ints */
    public AveragePooling2D(int... poolSize) {
        super(2, false, poolSize);
    }

    /** A AveragePooling2D layer from its Keras config. */
    public static AveragePooling2D fromConfig(Map<String, Object> map) {
        Config c = new Config("AveragePooling2D", map).allow(KEYS);
        return configure(new AveragePooling2D(ConvUtils.ints(c, "pool_size", null)), c);
    }
}
