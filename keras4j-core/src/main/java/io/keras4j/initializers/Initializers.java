package io.keras4j.initializers;

import io.keras4j.engine.Registry;

import java.util.Map;
import java.util.Set;

/**
 * Initializers by Keras identifier, as {@code keras.initializers.get}: {@code "glorot_uniform"},
 * {@code "zeros"}, or the class names ({@code "GlorotUniform"}) with a config.
 */
public final class Initializers {
    private static final Registry<Initializer> REGISTRY = new Registry<Initializer>("initializer")
            .register(c -> new Zeros(), "zeros", "Zeros")
            .register(c -> new Ones(), "ones", "Ones")
            .register(c -> new RandomUniform(((Number) c.getOrDefault("minval", -0.05)).doubleValue(),
                    ((Number) c.getOrDefault("maxval", 0.05)).doubleValue(), seed(c)), "random_uniform", "uniform", "RandomUniform")
            .register(c -> new GlorotUniform(seed(c)), "glorot_uniform", "GlorotUniform")
            .register(c -> new VarianceScaling(((Number) c.getOrDefault("scale", 1.0)).doubleValue(),
                    (String) c.getOrDefault("mode", "fan_in"), (String) c.getOrDefault("distribution", "truncated_normal"),
                    seed(c)), "variance_scaling", "VarianceScaling");

    private Initializers() {
    }

    private static Long seed(Map<String, Object> config) {
        Object seed = config.get("seed");
        return seed == null ? null : ((Number) seed).longValue();
    }

    /** The initializer for a Keras identifier. */
    public static Initializer get(String identifier) {
        return REGISTRY.get(identifier);
    }

    /** The initializer for a Keras class name and config, as stored in saved models. */
    public static Initializer get(String className, Map<String, Object> config) {
        return REGISTRY.get(className, config);
    }

    /** The identifiers that {@link #get(String)} accepts. */
    public static Set<String> names() {
        return REGISTRY.names();
    }
}
