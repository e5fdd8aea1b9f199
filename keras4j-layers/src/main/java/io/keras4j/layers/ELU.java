package io.keras4j.layers;

import io.keras4j.activations.Activations;
import io.keras4j.engine.Config;

import java.util.Map;

/**
 * The exponential linear unit layer, as keras/src/layers/activations/elu.py {@code ELU}:
 * {@code f(x) = x >= 0 ? x : alpha * (exp(x) - 1)}, alpha default 1.0. Output shape = input shape.
 * The config carries {@code alpha} (Keras 2 saved it; Keras 3 accepts it).
 */
public class ELU extends OneArgumentActivationLayer {
    /** Keras's {@code ELU()}: alpha 1.0. */
    public ELU() {
        this(1.0);
    }

    /** @param alpha the scale of the negative section */
    public ELU(double alpha) {
        super("alpha", alpha, Activations.elu(alpha));
    }

    /** An ELU layer from its Keras config. */
    public static ELU fromConfig(Map<String, Object> map) {
        Config c = new Config("ELU", map).allow("alpha");
        return c.applyBase(new ELU(c.getDouble("alpha", 1.0)));
    }
}
