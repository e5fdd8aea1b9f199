package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.engine.Config;

import java.util.Map;

/**
 * Applies an activation function, as keras/src/layers/activations/activation.py {@code Activation}:
 * {@code new Activation("relu")}. Output shape equals input shape (half the last axis for "glu").
 */
public class Activation extends BaseActivationLayer {
    private final ActivationFunction activation;

    /** @param activation a Keras activation identifier ("relu", "softmax", ...) */
    public Activation(String activation) {
        this(Activations.get(activation));
    }

    public Activation(ActivationFunction activation) {
        this.activation = activation;
    }

    @Override
    ActivationFunction function() {
        return activation;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("activation", activation.name());
        return config;
    }

    /** An Activation layer from its Keras config. */
    public static Activation fromConfig(Map<String, Object> map) {
        Config c = new Config("Activation", map).allow("activation");
        return c.applyBase(new Activation(c.activation("activation")));
    }
}
