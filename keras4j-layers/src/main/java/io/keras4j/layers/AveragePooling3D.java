package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.Map;

/**
 * Average pooling over 3 spatial axes, as keras/src/layers/pooling/average_pooling3d.py {@code AveragePooling3D}:
 * each output cell is the mean (padded cells excluded) of a {@code pool_size} window; windows are {@code strides} apart
 * (default {@code pool_size}). Output length per axis: {@code floor((n - pool_size) / strides) + 1} for padding
 * "valid", {@code floor((n - 1) / strides) + 1} for "same".
 *
 * <p>Input shape {@code (batch, dim1, dim2, dim3, channels)} ({@code channels_last}, the default) or channels first; the output
 * keeps the channel count.
 * <pre>{@code new AveragePooling3D(2).strides(1).padding("same")}</pre>
 */
public class AveragePooling3D extends BasePooling<AveragePooling3D> {
    /** @param poolSize one int for all 3 spatial axes, or 3 ints */
    public AveragePooling3D(int... poolSize) {
        super(3, false, poolSize);
    }

    /** A AveragePooling3D layer from its Keras config. */
    public static AveragePooling3D fromConfig(Map<String, Object> map) {
        Config c = new Config("AveragePooling3D", map).allow(KEYS);
        return configure(new AveragePooling3D(ConvUtils.ints(c, "pool_size", null)), c);
    }
}
