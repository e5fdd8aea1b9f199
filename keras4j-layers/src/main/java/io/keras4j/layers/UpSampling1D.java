package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.Map;

/**
 * Repeats each timestep {@code size} times, as keras/src/layers/reshaping/up_sampling1d.py {@code UpSampling1D}.
 * Input {@code (batch, steps, features)}; output {@code (batch, steps * size, features)}. Default size 2.
 */
public class UpSampling1D extends UpSampling {
    public UpSampling1D() {
        this(2);
    }

    /** @param size the upsampling factor */
    public UpSampling1D(int size) {
        super(size, 1);
    }

    /** An UpSampling1D layer from its Keras config. */
    public static UpSampling1D fromConfig(Map<String, Object> map) {
        Config c = UpSampling.config("UpSampling1D", map);
        return c.applyBase(new UpSampling1D(c.getInt("size", 2)));
    }
}
