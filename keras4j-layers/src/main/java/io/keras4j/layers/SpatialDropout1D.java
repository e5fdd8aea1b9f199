package io.keras4j.layers;

import java.util.Map;

/**
 * Drops entire channels, as keras/src/layers/regularization/spatial_dropout.py {@code SpatialDropout1D}: in
 * training each channel of each sample is zeroed with probability {@code rate} (kept ones scaled by
 * {@code 1 / (1 - rate)}) at every position; the identity at inference. Input {@code (batch, steps, channels)}; output shape equals input shape.
 */
public class SpatialDropout1D extends SpatialDropout {
    /** @param rate the fraction of channels to drop, in [0, 1) */
    public SpatialDropout1D(double rate) {
        super(rate, 1);
    }

    /** A SpatialDropout1D layer from its Keras config. */
    public static SpatialDropout1D fromConfig(Map<String, Object> map) {
        SpatialDropout1D layer = Dropout.fromConfig("SpatialDropout1D", map, SpatialDropout1D::new, "data_format");
        layer.setDataFormat((String) map.get("data_format"));
        return layer;
    }
}
