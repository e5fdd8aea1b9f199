package io.keras4j.layers;

import io.keras4j.activations.Activations;
import io.keras4j.engine.Config;

import java.util.Map;

/**
 * The softmax layer, as keras/src/layers/activations/softmax.py {@code Softmax}:
 * {@code exp(x) / sum(exp(x), axis)}, axis default -1. Output shape = input shape. (Keras's optional
 * {@code mask} call argument and tuple axes are not supported.)
 */
public class Softmax extends OneArgumentActivationLayer {
    /** Keras's {@code Softmax()}: axis -1. */
    public Softmax() {
        this(-1);
    }

    /** @param axis the axis along which the softmax normalization is applied */
    public Softmax(int axis) {
        super("axis", axis, Activations.softmax(axis));
    }

    /** A Softmax layer from its Keras config. */
    public static Softmax fromConfig(Map<String, Object> map) {
        Config c = new Config("Softmax", map).allow("axis");
        Object axis = c.raw("axis");
        if (axis instanceof java.util.List && ((java.util.List<?>) axis).size() == 1) {
            axis = ((java.util.List<?>) axis).get(0);
        }
        if (axis != null && !(axis instanceof Number)) {
            throw new IllegalArgumentException("Softmax: config key 'axis' must be an integer (tuple axes are not supported), got " + axis);
        }
        return c.applyBase(new Softmax(axis == null ? -1 : ((Number) axis).intValue()));
    }
}
