package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
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
        // dy * (x > 0) as two plain elementwise ops: ~10x faster than ND4J's relu_bp (ThresholdReluBp) on
        // a 2.7M-element conv activation (3 ms vs 36 ms CPU).
        Nd4j.exec(new Step(x, out, 0.0));
        Nd4j.exec(new MulOp(out, dy, out));
    }
}
