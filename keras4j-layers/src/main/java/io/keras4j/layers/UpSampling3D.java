package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.List;
import java.util.Map;

/**
 * Repeats the three spatial axes, as keras/src/layers/reshaping/up_sampling3d.py {@code UpSampling3D}:
 * input {@code (batch, d1, d2, d3, channels)} (channels_last) gives {@code (batch, d1 * s1, d2 * s2, d3 * s3,
 * channels)}. Default size (2, 2, 2).
 */
public class UpSampling3D extends UpSampling {
    public UpSampling3D() {
        this(2);
    }

    /** @param size the factor for all three axes */
    public UpSampling3D(int size) {
        super(size, 3);
    }

    public UpSampling3D(int s1, int s2, int s3) {
        super(List.of(s1, s2, s3), 3);
    }

    public UpSampling3D dataFormat(String dataFormat) {
        setDataFormat(dataFormat);
        return this;
    }

    /** An UpSampling3D layer from its Keras config. */
    public static UpSampling3D fromConfig(Map<String, Object> map) {
        Config c = UpSampling.config("UpSampling3D", map);
        long[] s = c.has("size") ? c.getLongs("size") : new long[]{2, 2, 2};
        UpSampling3D up = s.length == 1 ? new UpSampling3D((int) s[0]) : new UpSampling3D((int) s[0], (int) s[1], (int) s[2]);
        return c.applyBase(up.dataFormat(c.getString("data_format", null)));
    }
}
