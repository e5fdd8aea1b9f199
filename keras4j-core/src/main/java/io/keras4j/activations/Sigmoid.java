package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code sigmoid(x) = 1 / (1 + exp(-x))}; derivative {@code y * (1 - y)}. */
final class Sigmoid implements ActivationFunction {
    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public void call(INDArray x, INDArray out) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(x, out));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        // out = dy * y * (1 - y)
        out.assign(y).rsubi(1.0).muli(y).muli(dy);
    }
}
