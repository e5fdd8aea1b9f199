package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** {@code softsign(x) = x / (|x| + 1)}, as keras/src/backend/numpy/nn.py {@code softsign}; gradient {@code 1 / (|x| + 1)^2}. */
final class Softsign extends BaseActivation {
    Softsign() {
        super("softsign");
    }

    @Override
    public void call(INDArray x, INDArray out) {
        out.assign(x).divi(Transforms.abs(x, true).addi(1));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        INDArray d = Transforms.abs(x, true).addi(1);
        out.assign(dy).divi(d.muli(d));
    }
}
