package io.keras4j.layers;

import java.util.Map;

/**
 * Global average pooling over 3 spatial axes, as keras/src/layers/pooling/global_average_pooling3d.py
 * {@code GlobalAveragePooling3D}: the mean over all spatial positions of each channel.
 *
 * <p>Input shape {@code (batch, dim1, dim2, dim3, channels)} ({@code channels_last}, the default) or channels first; output shape
 * {@code (batch, channels)}, or with {@code keepdims(true)} the input rank with spatial sizes 1.
 * <pre>{@code new GlobalAveragePooling3D().keepdims(true)}</pre>
 */
public class GlobalAveragePooling3D extends BaseGlobalPooling<GlobalAveragePooling3D> {
    public GlobalAveragePooling3D() {
        super(3, false);
    }

    /** A GlobalAveragePooling3D layer from its Keras config. */
    public static GlobalAveragePooling3D fromConfig(Map<String, Object> map) {
        return configure(new GlobalAveragePooling3D(), map);
    }
}
