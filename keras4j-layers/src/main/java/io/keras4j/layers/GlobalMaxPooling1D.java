package io.keras4j.layers;

import java.util.Map;

/**
 * Global max pooling over 1 spatial axes, as keras/src/layers/pooling/global_max_pooling1d.py
 * {@code GlobalMaxPooling1D}: the maximum over all spatial positions of each channel.
 *
 * <p>Input shape {@code (batch, steps, features)} ({@code channels_last}, the default) or channels first; output shape
 * {@code (batch, channels)}, or with {@code keepdims(true)} the input rank with spatial sizes 1.
 * <pre>{@code new GlobalMaxPooling1D().keepdims(true)}</pre>
 */
public class GlobalMaxPooling1D extends BaseGlobalPooling<GlobalMaxPooling1D> {
    public GlobalMaxPooling1D() {
        super(1, true);
    }

    /** A GlobalMaxPooling1D layer from its Keras config. */
    public static GlobalMaxPooling1D fromConfig(Map<String, Object> map) {
        return configure(new GlobalMaxPooling1D(), map);
    }
}
