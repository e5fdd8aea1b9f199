package io.keras4j.activations;

import io.keras4j.engine.Registry;

import java.util.Set;

/**
 * The activation functions by Keras identifier, as {@code keras.activations.get}:
 * {@code Activations.get("relu")}. {@code null} and {@code "linear"} give the identity.
 */
public final class Activations {
    private static final Registry<ActivationFunction> REGISTRY = new Registry<ActivationFunction>("activation")
            .register(c -> new Relu(), "relu")
            .register(c -> new Sigmoid(), "sigmoid")
            .register(c -> new Tanh(), "tanh")
            .register(c -> new Linear(), "linear")
            .register(c -> new Softmax(((Number) c.getOrDefault("axis", -1)).intValue()), "softmax");

    private Activations() {
    }

    /** The activation for a Keras identifier; null gives "linear". */
    public static ActivationFunction get(String identifier) {
        return REGISTRY.get(identifier == null ? "linear" : identifier);
    }

    /** The identifiers that {@link #get} accepts. */
    public static Set<String> names() {
        return REGISTRY.names();
    }

    /** Registers a custom activation under {@code name}, as {@code keras.saving.register_keras_serializable}. */
    public static void register(String name, java.util.function.Supplier<ActivationFunction> factory) {
        REGISTRY.register(c -> factory.get(), name);
    }
}
