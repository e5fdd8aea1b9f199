package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.Map;

/**
 * Max pooling over 3 spatial axes, as keras/src/layers/pooling/max_pooling3d.py {@code MaxPooling3D}:
 * each output cell is the maximum of a {@code pool_size} window; windows are {@code strides} apart
 * (default {@code pool_size}). Output length per axis: {@code floor((n - pool_size) / strides) + 1} for padding
 * "valid", {@code floor((n - 1) / strides) + 1} for "same".
 *
 * <p>Input shape {@code (batch, dim1, dim2, dim3, channels)} ({@code channels_last}, the default) or channels first; the output
 * keeps the channel count.
 * <pre>{@code new MaxPooling3D(2).strides(1).padding("same")}</pre>
 */
public class MaxPooling3D extends BasePooling<MaxPooling3D> {
    /** Pools windows of 2 along each spatial axis. */
    public MaxPooling3D() {
        this(2);
    }

    /** @param poolSize one int for all 3 spatial axes, or 3 ints, defaulting to 2 */
    public MaxPooling3D(int... poolSize) {
        super(3, true, poolSize);
    }

    /** A MaxPooling3D layer from its Keras config. */
    public static MaxPooling3D fromConfig(Map<String, Object> map) {
        Config c = new Config("MaxPooling3D", map).allow(KEYS);
        return configure(new MaxPooling3D(ConvUtils.ints(c, "pool_size", ConvUtils.filled(3, 2))), c);
    }
}
