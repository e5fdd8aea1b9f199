package io.keras4j.layers;

import java.util.Map;

/**
 * Global max pooling over 3 spatial axes, as keras/src/layers/pooling/global_max_pooling3d.py
 * {@code GlobalMaxPooling3D}: the maximum over all spatial positions of each channel.
 *
 * <p>Input shape {@code (batch, dim1, dim2, dim3, channels)} ({@code channels_last}, the default) or channels first; output shape
 * {@code (batch, channels)}, or with {@code keepdims(true)} the input rank with spatial sizes 1.
 * <pre>{@code new GlobalMaxPooling3D().keepdims(true)}</pre>
 */
public class GlobalMaxPooling3D extends BaseGlobalPooling<GlobalMaxPooling3D> {
    public GlobalMaxPooling3D() {
        super(3, true);
    }

    /** A GlobalMaxPooling3D layer from its Keras config. */
    public static GlobalMaxPooling3D fromConfig(Map<String, Object> map) {
        return configure(new GlobalMaxPooling3D(), map);
    }
}
