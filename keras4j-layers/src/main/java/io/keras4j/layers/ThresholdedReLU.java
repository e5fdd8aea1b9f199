package io.keras4j.layers;

import io.keras4j.activations.Activations;
import io.keras4j.engine.Config;

import java.util.Map;

/**
 * The thresholded rectified linear unit layer of Keras 2 (keras/layers/advanced_activations.py
 * {@code ThresholdedReLU}; Keras 3 dropped it, so it is here to load files written by Keras 1/2):
 * {@code f(x) = x > theta ? x : 0}, theta default 1.0. Output shape = input shape.
 */
public class ThresholdedReLU extends OneArgumentActivationLayer {
    /** Keras 2's {@code ThresholdedReLU()}: theta 1.0. */
    public ThresholdedReLU() {
        this(1.0);
    }

    /** @param theta the threshold (non-negative, as Keras 2 requires) */
    public ThresholdedReLU(double theta) {
        super("theta", theta, Activations.relu(0.0, null, checked(theta)));
    }

    private static double checked(double theta) {
        if (!(theta >= 0)) {
            throw new IllegalArgumentException("ThresholdedReLU: theta of a ThresholdedReLU layer cannot be negative or NaN, got " + theta);
        }
        return theta;
    }

    /** A ThresholdedReLU layer from its Keras 2 config. */
    public static ThresholdedReLU fromConfig(Map<String, Object> map) {
        Config c = new Config("ThresholdedReLU", map).allow("theta");
        return c.applyBase(new ThresholdedReLU(c.getDouble("theta", 1.0)));
    }
}
