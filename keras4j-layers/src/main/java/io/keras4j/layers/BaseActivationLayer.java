package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Shared mechanics of the weightless activation layers (keras/src/layers/activations/): forward through an
 * {@link ActivationFunction} into a reused buffer, backward through its gradient.
 */
abstract class BaseActivationLayer extends Layer {
    /** The function this layer applies. */
    abstract ActivationFunction function();

    /** Passes the input mask on, as Keras's {@code supports_masking = True} for the activation layers. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        return function().outputShape(inputShape);
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        ActivationFunction f = function();
        INDArray y = ctx.buffer("y", input.dataType(), f.outputShape(input.shape()));
        f.call(input, y);
        ctx.save("x", input);
        ctx.save("y", y);
        return y;
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        INDArray x = ctx.saved("x");
        INDArray dx = ctx.buffer("dx", x.dataType(), x.shape());
        function().gradient(x, ctx.saved("y"), gradOutput, dx);
        return dx;
    }
}
