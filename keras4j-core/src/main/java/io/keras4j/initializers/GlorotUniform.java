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
        this(seed, null, null);
    }

    /** With Keras's {@code input_axes}/{@code output_axes}: the kernel axes that make up fan_in and fan_out. */
    public GlorotUniform(Long seed, int[] inputAxes, int[] outputAxes) {
        super(1.0, "fan_avg", "uniform", seed, inputAxes, outputAxes);
    }

    @Override
    public String className() {
        return "GlorotUniform";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("seed", seed());
        putAxes(config);
        return config;
    }
}
