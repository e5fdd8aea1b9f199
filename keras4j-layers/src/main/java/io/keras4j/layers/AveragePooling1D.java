package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.Map;

/**
 * Average pooling over 1 spatial axes, as keras/src/layers/pooling/average_pooling1d.py {@code AveragePooling1D}:
 * each output cell is the mean (padded cells excluded) of a {@code pool_size} window; windows are {@code strides} apart
 * (default {@code pool_size}). Output length per axis: {@code floor((n - pool_size) / strides) + 1} for padding
 * "valid", {@code floor((n - 1) / strides) + 1} for "same".
 *
 * <p>Input shape {@code (batch, steps, features)} ({@code channels_last}, the default) or channels first; the output
 * keeps the channel count.
 * <pre>{@code new AveragePooling1D(2).strides(1).padding("same")}</pre>
 */
public class AveragePooling1D extends BasePooling<AveragePooling1D> {
    /** @param poolSize one int for all 1 spatial axes, or 1 ints */
    public AveragePooling1D(int... poolSize) {
        super(1, false, poolSize);
    }

    /** A AveragePooling1D layer from its Keras config. */
    public static AveragePooling1D fromConfig(Map<String, Object> map) {
        Config c = new Config("AveragePooling1D", map).allow(KEYS);
        return configure(new AveragePooling1D(ConvUtils.ints(c, "pool_size", null)), c);
    }
}
