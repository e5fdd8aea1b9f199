package io.keras4j.optimizers;

import io.keras4j.engine.Registry;

import java.util.Map;
import java.util.Set;

/** Optimizers by Keras identifier, as {@code keras.optimizers.get}: "sgd", "rmsprop", "adam" (Keras defaults). */
public final class Optimizers {
    private static final Registry<Optimizer> REGISTRY = new Registry<Optimizer>("optimizer")
            .register(c -> new SGD(lr(c, 0.01), ((Number) c.getOrDefault("momentum", 0.0)).doubleValue(),
                    (Boolean) c.getOrDefault("nesterov", false)), "sgd", "SGD")
            .register(c -> new RMSprop(lr(c, 0.001), ((Number) c.getOrDefault("rho", 0.9)).doubleValue(),
                    ((Number) c.getOrDefault("momentum", 0.0)).doubleValue(), ((Number) c.getOrDefault("epsilon", 1e-7)).doubleValue(),
                    (Boolean) c.getOrDefault("centered", false)), "rmsprop", "RMSprop")
            .register(c -> new Adam(lr(c, 0.001), ((Number) c.getOrDefault("beta_1", 0.9)).doubleValue(),
                    ((Number) c.getOrDefault("beta_2", 0.999)).doubleValue(), ((Number) c.getOrDefault("epsilon", 1e-7)).doubleValue()),
                    "adam", "Adam");

    private Optimizers() {
    }

    private static double lr(Map<String, Object> config, double defaultValue) {
        return ((Number) config.getOrDefault("learning_rate", defaultValue)).doubleValue();
    }

    /** A new optimizer with Keras's defaults for the identifier. */
    public static Optimizer get(String identifier) {
        return REGISTRY.get(identifier);
    }

    /** A new optimizer from a Keras class name or identifier and its config, as stored in saved models. */
    public static Optimizer get(String identifier, Map<String, Object> config) {
        return REGISTRY.get(identifier, config);
    }

    /** The identifiers that {@link #get} accepts. */
    public static Set<String> names() {
        return REGISTRY.names();
    }
}
