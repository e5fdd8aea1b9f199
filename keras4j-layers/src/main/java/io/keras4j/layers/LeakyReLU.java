package io.keras4j.layers;

import io.keras4j.activations.Activations;
import io.keras4j.engine.Config;

import java.util.Map;

/**
 * The leaky rectified linear unit layer, as keras/src/layers/activations/leaky_relu.py {@code LeakyReLU}:
 * {@code f(x) = max(x, negative_slope * x)}, negative_slope default 0.3 (the function's default is 0.2).
 * The deprecated Keras 2 key {@code alpha} is read as negative_slope. Output shape = input shape.
 */
public class LeakyReLU extends OneArgumentActivationLayer {
    /** Keras's {@code LeakyReLU()}: negative_slope 0.3. */
    public LeakyReLU() {
        this(0.3);
    }

    /** @param negativeSlope the slope for negative inputs (>= 0) */
    public LeakyReLU(double negativeSlope) {
        super("negative_slope", negativeSlope, Activations.leakyRelu(checked(negativeSlope)));
    }

    private static double checked(double negativeSlope) {
        if (!(negativeSlope >= 0)) {
            throw new IllegalArgumentException("LeakyReLU: the negative_slope value of a Leaky ReLU layer cannot be None or negative. "
                    + "Received: negative_slope=" + negativeSlope);
        }
        return negativeSlope;
    }

    /** A LeakyReLU layer from its Keras config (Keras 2's {@code alpha} accepted). */
    public static LeakyReLU fromConfig(Map<String, Object> map) {
        Config c = new Config("LeakyReLU", map).allow("negative_slope", "alpha");
        double slope = c.has("negative_slope") ? c.getDouble("negative_slope", 0.3) : c.getDouble("alpha", 0.3);
        return c.applyBase(new LeakyReLU(slope));
    }
}
