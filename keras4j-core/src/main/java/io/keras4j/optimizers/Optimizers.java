package io.keras4j.optimizers;

import io.keras4j.engine.Registry;

import java.util.Map;
import java.util.Set;

/**
 * Optimizers by Keras identifier, as {@code keras.optimizers.get}: "sgd", "rmsprop", "adam", "adamw", "adagrad",
 * "adadelta", "adamax", "nadam", "ftrl", "lion", "lamb", or the class names ("RMSprop") with a config as
 * saved by {@link Optimizer#getConfig()}. A bare identifier gives Keras's defaults.
 */
public final class Optimizers {
    private static final Registry<Optimizer> REGISTRY = new Registry<Optimizer>("optimizer")
            .register(SGD::fromConfig, "sgd", "SGD")
            .register(RMSprop::fromConfig, "rmsprop", "RMSprop")
            .register(Adam::fromConfig, "adam", "Adam")
            .register(AdamW::fromConfig, "adamw", "AdamW")
            .register(Adagrad::fromConfig, "adagrad", "Adagrad")
            .register(Adadelta::fromConfig, "adadelta", "Adadelta")
            .register(Adamax::fromConfig, "adamax", "Adamax")
            .register(Nadam::fromConfig, "nadam", "Nadam")
            .register(Ftrl::fromConfig, "ftrl", "Ftrl")
            .register(Lion::fromConfig, "lion", "Lion")
            .register(Lamb::fromConfig, "lamb", "Lamb");

    private Optimizers() {
    }

    /** A new optimizer with Keras's defaults for the identifier. */
    public static Optimizer get(String identifier) {
        return REGISTRY.get(identifier);
    }

    /** A new optimizer from a Keras class name (or identifier) and config. */
    public static Optimizer get(String className, Map<String, Object> config) {
        return REGISTRY.get(className, config);
    }

    /** The identifiers that {@link #get} accepts. */
    public static Set<String> names() {
        return REGISTRY.names();
    }
}
