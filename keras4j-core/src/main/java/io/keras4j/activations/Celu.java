package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The continuously differentiable ELU, as keras/src/backend/numpy/nn.py {@code celu}:
 * {@code celu(x) = max(x, 0) + alpha * (exp(min(x, 0) / alpha) - 1)}, alpha default 1.0.
 * Gradient 1 for {@code x >= 0}, else {@code exp(x / alpha)}.
 */
final class Celu extends BaseActivation {
    private final double alpha;

    Celu(double alpha) {
        super("celu");
        this.alpha = alpha;
        config("alpha", alpha);
    }

    @Override
    public void call(INDArray x, INDArray out) {
        INDArray negative = Transforms.expm1(Transforms.min(x, 0.0, true).divi(alpha), false).muli(alpha);
        out.assign(Transforms.relu(x, true).addi(negative));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        out.assign(Transforms.exp(Transforms.min(x, 0.0, true).divi(alpha), false).muli(dy));
    }
}
