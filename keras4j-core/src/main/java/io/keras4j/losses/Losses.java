package io.keras4j.losses;

import io.keras4j.engine.Registry;

import java.util.Map;
import java.util.Set;

/**
 * Losses by Keras identifier, as {@code keras.losses.get}: the function names
 * ("categorical_crossentropy", "mse") and the class names ("CategoricalCrossentropy").
 */
public final class Losses {
    private static final Registry<Loss> REGISTRY = new Registry<Loss>("loss")
            .register(c -> new CategoricalCrossentropy()
                            .fromLogits((Boolean) c.getOrDefault("from_logits", false))
                            .labelSmoothing(((Number) c.getOrDefault("label_smoothing", 0.0)).doubleValue()),
                    "categorical_crossentropy", "CategoricalCrossentropy")
            .register(c -> new SparseCategoricalCrossentropy().fromLogits((Boolean) c.getOrDefault("from_logits", false)),
                    "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy")
            .register(c -> new BinaryCrossentropy()
                            .fromLogits((Boolean) c.getOrDefault("from_logits", false))
                            .labelSmoothing(((Number) c.getOrDefault("label_smoothing", 0.0)).doubleValue()),
                    "binary_crossentropy", "BinaryCrossentropy")
            .register(c -> new MeanSquaredError(), "mean_squared_error", "mse", "MSE", "MeanSquaredError");

    private Losses() {
    }

    /** A new loss for a Keras identifier. */
    public static Loss get(String identifier) {
        return REGISTRY.get(identifier);
    }

    /** A new loss from a Keras class name or identifier and its config, as stored in saved models. */
    public static Loss get(String identifier, Map<String, Object> config) {
        return REGISTRY.get(identifier, config);
    }

    /** The identifiers that {@link #get} accepts. */
    public static Set<String> names() {
        return REGISTRY.names();
    }
}
