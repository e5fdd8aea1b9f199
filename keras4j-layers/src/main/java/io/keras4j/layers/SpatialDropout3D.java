package io.keras4j.layers;

import java.util.Map;

/**
 * Drops entire channels, as keras/src/layers/regularization/spatial_dropout.py {@code SpatialDropout3D}: in
 * training each channel of each sample is zeroed with probability {@code rate} (kept ones scaled by
 * {@code 1 / (1 - rate)}) at every position; the identity at inference. Input {@code (batch, d1, d2, d3, channels)} (channels_last) or
 * channels first; output shape equals input shape.
 */
public class SpatialDropout3D extends SpatialDropout {
    /** @param rate the fraction of channels to drop, in [0, 1) */
    public SpatialDropout3D(double rate) {
        super(rate, 3);
    }

    public SpatialDropout3D dataFormat(String dataFormat) {
        setDataFormat(dataFormat);
        return this;
    }

    /** A SpatialDropout3D layer from its Keras config. */
    public static SpatialDropout3D fromConfig(Map<String, Object> map) {
        SpatialDropout3D layer = Dropout.fromConfig("SpatialDropout3D", map, SpatialDropout3D::new, "data_format");
        layer.setDataFormat((String) map.get("data_format"));
        return layer;
    }
}
