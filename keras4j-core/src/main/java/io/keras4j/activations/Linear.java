package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The identity, {@code linear(x) = x}, as keras/src/activations/activations.py {@code linear} (Keras's "no activation"). */
final class Linear extends BaseActivation {
    Linear() {
        super("linear");
    }

    @Override
    public void call(INDArray x, INDArray out) {
        out.assign(x);
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        out.assign(dy);
    }
}
