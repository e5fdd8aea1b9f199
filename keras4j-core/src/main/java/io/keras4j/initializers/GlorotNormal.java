package io.keras4j.initializers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Glorot (Xavier) normal initializer, as keras/src/initializers/random_initializers.py {@code GlorotNormal} ("glorot_normal"):
 * draws from a normal truncated at two standard deviations, with {@code stddev = sqrt(2 / (fan_in + fan_out))}; {@code VarianceScaling(scale=1.0, mode="fan_avg", distribution="truncated_normal")}.
 */
public final class GlorotNormal extends VarianceScaling {
    public GlorotNormal() {
        this(null);
    }

    /** @param seed the seed, or null to draw from the global generator */
    public GlorotNormal(Long seed) {
        super(1.0, "fan_avg", "truncated_normal", seed);
    }

    @Override
    public String className() {
        return "GlorotNormal";
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
