package io.keras4j.initializers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Glorot (Xavier) uniform initializer, as {@code keras.initializers.GlorotUniform}: draws from
 * U(-limit, limit) with {@code limit = sqrt(6 / (fan_in + fan_out))}. Keras's default kernel initializer.
 */
public final class GlorotUniform extends VarianceScaling {
    public GlorotUniform() {
        this(null);
    }

    /** @param seed the seed, or null to draw from the global generator */
    public GlorotUniform(Long seed) {
        super(1.0, "fan_avg", "uniform", seed);
    }

    @Override
    public String className() {
        return "GlorotUniform";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("seed", seed());
        config.put("input_axes", null);
        config.put("output_axes", null);
        return config;
    }
}
