package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;

import java.util.Map;

/**
 * A weightless activation layer with one Keras argument, written to its config: ELU's {@code alpha}, LeakyReLU's
 * {@code negative_slope}, Softmax's {@code axis}, ThresholdedReLU's {@code theta}.
 */
abstract class OneArgumentActivationLayer extends BaseActivationLayer {
    private final String key;
    private final Object value;
    private final ActivationFunction function;

    /**
     * @param key      the argument's config key
     * @param value    its value
     * @param function the activation it parameterizes
     */
    OneArgumentActivationLayer(String key, Object value, ActivationFunction function) {
        this.key = key;
        this.value = value;
        this.function = function;
    }

    @Override
    final ActivationFunction function() {
        return function;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put(key, value);
        return config;
    }
}
