package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.factory.Nd4j;

/** {@code relu(x) = max(x, 0)}, as keras/src/activations/activations.py {@code relu}; gradient 0 at x = 0. */
final class Relu implements ActivationFunction {
    @Override
    public String name() {
        return "relu";
    }

    @Override
    public void call(INDArray x, INDArray out) {
        Nd4j.exec(new RectifiedLinear(x, out, 0.0));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        Nd4j.exec(new ThresholdReluBp(x, dy, out, 0.0));
    }
}
