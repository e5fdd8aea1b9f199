package io.keras4j.layers;

import java.util.Map;

/**
 * Global average pooling over 1 spatial axes, as keras/src/layers/pooling/global_average_pooling1d.py
 * {@code GlobalAveragePooling1D}: the mean over all spatial positions of each channel.
 *
 * <p>Input shape {@code (batch, steps, features)} ({@code channels_last}, the default) or channels first; output shape
 * {@code (batch, channels)}, or with {@code keepdims(true)} the input rank with spatial sizes 1.
 * <pre>{@code new GlobalAveragePooling1D().keepdims(true)}</pre>
 */
public class GlobalAveragePooling1D extends BaseGlobalPooling<GlobalAveragePooling1D> {
    public GlobalAveragePooling1D() {
        super(1, false);
    }

    /** A GlobalAveragePooling1D layer from its Keras config. */
    public static GlobalAveragePooling1D fromConfig(Map<String, Object> map) {
        return configure(new GlobalAveragePooling1D(), map);
    }
}
