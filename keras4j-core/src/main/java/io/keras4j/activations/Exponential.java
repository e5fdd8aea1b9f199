package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;

/** {@code exponential(x) = exp(x)}, as keras/src/activations/activations.py {@code exponential}; gradient {@code y}. */
final class Exponential extends BaseActivation {
    Exponential() {
        super("exponential");
    }

    @Override
    public void call(INDArray x, INDArray out) {
        Nd4j.exec(new Exp(x, out));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        out.assign(y).muli(dy);
    }
}
