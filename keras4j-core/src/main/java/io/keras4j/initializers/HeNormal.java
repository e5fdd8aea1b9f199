package io.keras4j.initializers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The He normal initializer, as keras/src/initializers/random_initializers.py {@code HeNormal} ("he_normal"):
 * draws from a normal truncated at two standard deviations, with {@code stddev = sqrt(2 / fan_in)}; {@code VarianceScaling(scale=2.0, mode="fan_in", distribution="truncated_normal")}.
 */
public final class HeNormal extends VarianceScaling {
    public HeNormal() {
        this(null);
    }

    /** @param seed the seed, or null to draw from the global generator */
    public HeNormal(Long seed) {
        super(2.0, "fan_in", "truncated_normal", seed);
    }

    @Override
    public String className() {
        return "HeNormal";
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
