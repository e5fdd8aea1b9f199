package io.keras4j.initializers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The LeCun uniform initializer, as keras/src/initializers/random_initializers.py {@code LecunUniform} ("lecun_uniform"):
 * draws from U(-limit, limit) with {@code limit = sqrt(3 / fan_in)}; {@code VarianceScaling(scale=1.0, mode="fan_in", distribution="uniform")}.
 */
public final class LecunUniform extends VarianceScaling {
    public LecunUniform() {
        this(null);
    }

    /** @param seed the seed, or null to draw from the global generator */
    public LecunUniform(Long seed) {
        super(1.0, "fan_in", "uniform", seed);
    }

    @Override
    public String className() {
        return "LecunUniform";
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
