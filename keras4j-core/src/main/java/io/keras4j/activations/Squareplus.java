package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code squareplus(x) = (x + sqrt(x^2 + b)) / 2}, as keras/src/backend/numpy/nn.py {@code squareplus}
 * (b default 4). Gradient {@code (1 + x / sqrt(x^2 + b)) / 2}.
 */
final class Squareplus extends BaseActivation {
    private final double b;

    Squareplus(double b) {
        super("squareplus");
        this.b = b;
        config("b", b);
    }

    private INDArray root(INDArray x) {
        return Transforms.sqrt(x.mul(x).addi(b), false);
    }

    @Override
    public void call(INDArray x, INDArray out) {
        out.assign(root(x).addi(x).muli(0.5));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        out.assign(x.div(root(x)).addi(1).muli(0.5).muli(dy));
    }
}
