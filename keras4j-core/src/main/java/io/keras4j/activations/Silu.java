package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code silu(x) = x * sigmoid(x)} ("silu", alias "swish"), as keras/src/backend/numpy/nn.py {@code silu}.
 * Gradient {@code s * (1 + x * (1 - s))} with {@code s = sigmoid(x)}.
 */
final class Silu extends BaseActivation {
    Silu() {
        super("silu");
    }

    @Override
    public void call(INDArray x, INDArray out) {
        out.assign(Transforms.sigmoid(x, true).muli(x));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        INDArray s = Transforms.sigmoid(x, true);
        out.assign(s.rsub(1).muli(x).addi(1).muli(s).muli(dy));
    }
}
