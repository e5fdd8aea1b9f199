package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftmaxBp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code softmax(x) = exp(x) / sum(exp(x), axis)}, as keras/src/activations/activations.py {@code softmax}
 * (default axis -1); gradient {@code y * (dy - sum(dy * y, axis))}.
 */
final class Softmax extends BaseActivation {
    private final int axis;

    Softmax(int axis) {
        super("softmax");
        this.axis = axis;
        config("axis", axis);
    }

    @Override
    public void call(INDArray x, INDArray out) {
        Nd4j.exec(new SoftMax(x, out, axis(axis, x, name())));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        Nd4j.exec(new SoftmaxBp(x, dy, out, axis(axis, x, name())));
    }
}
