package io.keras4j.regularizers;

import io.keras4j.engine.Registry;

import java.util.Map;
import java.util.Set;

/**
 * Regularizers by Keras identifier, as {@code keras.regularizers.get}: "l1", "l2", "l1_l2" (also "l1l2"),
 * "orthogonal_regularizer", or the class names ("L2") with a config.
 */
public final class Regularizers {
    private static final Registry<Regularizer> REGISTRY = new Registry<Regularizer>("regularizer")
            .register(L1::fromConfig, "l1", "L1")
            .register(L2::fromConfig, "l2", "L2")
            .register(L1L2::fromConfig, "l1_l2", "l1l2", "L1L2")
            .register(OrthogonalRegularizer::fromConfig, "orthogonal_regularizer", "OrthogonalRegularizer");

    private Regularizers() {
    }

    /** A regularizer with Keras's defaults for the identifier. */
    public static Regularizer get(String identifier) {
        return REGISTRY.get(identifier);
    }

    /** A regularizer from its Keras class name and config. */
    public static Regularizer get(String className, Map<String, Object> config) {
        return REGISTRY.get(className, config);
    }

    /** The identifiers that {@link #get(String)} accepts. */
    public static Set<String> names() {
        return REGISTRY.names();
    }
}
