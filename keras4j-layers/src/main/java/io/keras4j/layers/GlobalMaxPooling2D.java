package io.keras4j.layers;

import java.util.Map;

/**
 * Global max pooling over 2 spatial axes, as keras/src/layers/pooling/global_max_pooling2d.py
 * {@code GlobalMaxPooling2D}: the maximum over all spatial positions of each channel.
 *
 * <p>Input shape {@code (batch, height, width, channels)} ({@code channels_last}, the default) or channels first; output shape
 * {@code (batch, channels)}, or with {@code keepdims(true)} the input rank with spatial sizes 1.
 * <pre>{@code new GlobalMaxPooling2D().keepdims(true)}</pre>
 */
public class GlobalMaxPooling2D extends BaseGlobalPooling<GlobalMaxPooling2D> {
    public GlobalMaxPooling2D() {
        super(2, true);
    }

    /** A GlobalMaxPooling2D layer from its Keras config. */
    public static GlobalMaxPooling2D fromConfig(Map<String, Object> map) {
        return configure(new GlobalMaxPooling2D(), map);
    }
}
