package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code sigmoid(x) = 1 / (1 + exp(-x))}, as keras/src/activations/activations.py {@code sigmoid};
 * gradient {@code y * (1 - y)}.
 */
final class Sigmoid extends BaseActivation {
    Sigmoid() {
        super("sigmoid");
    }

    @Override
    public void call(INDArray x, INDArray out) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(x, out));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        out.assign(y).rsubi(1.0).muli(y).muli(dy);
    }
}
