package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Applies an activation function, as keras/src/layers/activations/activation.py {@code Activation}:
 * {@code new Activation("relu")}. Output shape equals input shape.
 */
public class Activation extends Layer {
    private final ActivationFunction activation;

    /** @param activation a Keras activation identifier ("relu", "softmax", ...) */
    public Activation(String activation) {
        this(Activations.get(activation));
    }

    public Activation(ActivationFunction activation) {
        this.activation = activation;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        INDArray y = ctx.buffer("y", input.dataType(), input.shape());
        activation.call(input, y);
        ctx.save("x", input);
        ctx.save("y", y);
        return y;
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        INDArray x = ctx.saved("x");
        INDArray dx = ctx.buffer("dx", x.dataType(), x.shape());
        activation.gradient(x, ctx.saved("y"), gradOutput, dx);
        return dx;
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
