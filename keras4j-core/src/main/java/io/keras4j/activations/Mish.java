package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code mish(x) = x * tanh(softplus(x))}, as keras/src/activations/activations.py {@code Mish.static_call}.
 * Gradient {@code t + x * (1 - t^2) * sigmoid(x)} with {@code t = tanh(softplus(x))}.
 */
final class Mish extends BaseActivation {
    Mish() {
        super("mish");
    }

    @Override
    public void call(INDArray x, INDArray out) {
        out.assign(Transforms.tanh(softplus(x), false).muli(x));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        INDArray t = Transforms.tanh(softplus(x), false);
        INDArray g = t.mul(t).rsubi(1).muli(Transforms.sigmoid(x, true)).muli(x).addi(t);
        out.assign(g.muli(dy));
    }
}
