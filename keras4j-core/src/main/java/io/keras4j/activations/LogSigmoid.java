package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code log_sigmoid(x) = log(1 / (1 + exp(-x))) = -softplus(-x)}, as keras/src/backend/numpy/nn.py
 * {@code log_sigmoid}. Gradient {@code sigmoid(-x) = 1 - exp(y)}.
 */
final class LogSigmoid extends BaseActivation {
    LogSigmoid() {
        super("log_sigmoid");
    }

    @Override
    public void call(INDArray x, INDArray out) {
        out.assign(softplus(x.neg())).negi();
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        out.assign(Transforms.sigmoid(x.neg(), false).muli(dy));
    }
}
