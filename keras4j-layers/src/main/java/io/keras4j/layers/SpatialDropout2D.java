package io.keras4j.layers;

import java.util.Map;

/**
 * Drops entire channels, as keras/src/layers/regularization/spatial_dropout.py {@code SpatialDropout2D}: in
 * training each channel of each sample is zeroed with probability {@code rate} (kept ones scaled by
 * {@code 1 / (1 - rate)}) at every position; the identity at inference. Input {@code (batch, rows, cols, channels)} (channels_last) or
 * channels first; output shape equals input shape.
 */
public class SpatialDropout2D extends SpatialDropout {
    /** @param rate the fraction of channels to drop, in [0, 1) */
    public SpatialDropout2D(double rate) {
        super(rate, 2);
    }

    public SpatialDropout2D dataFormat(String dataFormat) {
        setDataFormat(dataFormat);
        return this;
    }

    /** A SpatialDropout2D layer from its Keras config. */
    public static SpatialDropout2D fromConfig(Map<String, Object> map) {
        SpatialDropout2D layer = Dropout.fromConfig("SpatialDropout2D", map, SpatialDropout2D::new, "data_format");
        layer.setDataFormat((String) map.get("data_format"));
        return layer;
    }
}
