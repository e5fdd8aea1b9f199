package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code softplus(x) = log(exp(x) + 1)}, computed stably as {@code logaddexp(x, 0)} (keras/src/backend/numpy/nn.py
 * {@code softplus}). Gradient {@code sigmoid(x)}.
 */
final class Softplus extends BaseActivation {
    Softplus() {
        super("softplus");
    }

    @Override
    public void call(INDArray x, INDArray out) {
        out.assign(softplus(x));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        out.assign(Transforms.sigmoid(x, true).muli(dy));
    }
}
