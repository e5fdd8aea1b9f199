package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code tanh(x)}; derivative {@code 1 - y^2}. */
final class Tanh implements ActivationFunction {
    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public void call(INDArray x, INDArray out) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh(x, out));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        // out = dy * (1 - y^2)
        out.assign(y).muli(y).rsubi(1.0).muli(dy);
    }
}
