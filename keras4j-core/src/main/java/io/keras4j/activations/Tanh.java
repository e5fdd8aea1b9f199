package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code tanh(x)}, as keras/src/activations/activations.py {@code tanh}; gradient {@code 1 - y^2}. */
final class Tanh extends BaseActivation {
    Tanh() {
        super("tanh");
    }

    @Override
    public void call(INDArray x, INDArray out) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh(x, out));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        out.assign(y).muli(y).rsubi(1.0).muli(dy);
    }
}
