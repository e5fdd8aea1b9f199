package io.keras4j.layers;

import java.util.Map;

/**
 * Global average pooling over 2 spatial axes, as keras/src/layers/pooling/global_average_pooling2d.py
 * {@code GlobalAveragePooling2D}: the mean over all spatial positions of each channel.
 *
 * <p>Input shape {@code (batch, height, width, channels)} ({@code channels_last}, the default) or channels first; output shape
 * {@code (batch, channels)}, or with {@code keepdims(true)} the input rank with spatial sizes 1.
 * <pre>{@code new GlobalAveragePooling2D().keepdims(true)}</pre>
 */
public class GlobalAveragePooling2D extends BaseGlobalPooling<GlobalAveragePooling2D> {
    public GlobalAveragePooling2D() {
        super(2, false);
    }

    /** A GlobalAveragePooling2D layer from its Keras config. */
    public static GlobalAveragePooling2D fromConfig(Map<String, Object> map) {
        return configure(new GlobalAveragePooling2D(), map);
    }
}
