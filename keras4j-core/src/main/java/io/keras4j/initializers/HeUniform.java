package io.keras4j.initializers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The He uniform initializer, as keras/src/initializers/random_initializers.py {@code HeUniform} ("he_uniform"):
 * draws from U(-limit, limit) with {@code limit = sqrt(6 / fan_in)}; {@code VarianceScaling(scale=2.0, mode="fan_in", distribution="uniform")}.
 */
public final class HeUniform extends VarianceScaling {
    public HeUniform() {
        this(null);
    }

    /** @param seed the seed, or null to draw from the global generator */
    public HeUniform(Long seed) {
        super(2.0, "fan_in", "uniform", seed);
    }

    @Override
    public String className() {
        return "HeUniform";
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
