package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The rectified linear unit, as keras/src/activations/activations.py {@code relu} / {@code ReLU.static_call}:
 * {@code f(x) = clip(x > threshold ? x : 0, 0, max_value) - negative_slope * max(threshold - x, 0)}, the clip
 * applied only when {@code max_value} is set. Defaults ({@code negative_slope=0, max_value=None,
 * threshold=0}) give {@code max(x, 0)}; {@code max_value=6} is "relu6". Gradient 0 at the kinks.
 */
final class Relu extends BaseActivation {
    private final double negativeSlope;
    private final Double maxValue;
    private final double threshold;

    Relu(String name, double negativeSlope, Double maxValue, double threshold) {
        super(name);
        this.negativeSlope = negativeSlope;
        this.maxValue = maxValue;
        this.threshold = threshold;
        if (name.equals("relu")) {
            config("negative_slope", negativeSlope);
            config("max_value", maxValue);
            config("threshold", threshold);
        }
    }

    private boolean plain() {
        return negativeSlope == 0 && maxValue == null && threshold == 0;
    }

    @Override
    public boolean commutesWithMax() {
        return plain();
    }

    @Override
    public void call(INDArray x, INDArray out) {
        if (plain()) {
            Nd4j.exec(new RectifiedLinear(x, out, 0.0));
            return;
        }
        out.assign(x).muli(above(x, threshold));
        if (maxValue != null) {
            Transforms.min(Transforms.max(out, 0.0, false), maxValue, false);
        }
        if (negativeSlope != 0) {
            out.subi(Transforms.relu(x.rsub(threshold), false).muli(negativeSlope));
        }
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        if (plain()) {
            // dy * (x > 0) as two plain elementwise ops: ~10x faster than ND4J's relu_bp (ThresholdReluBp) on
            // a 2.7M-element conv activation (3 ms vs 36 ms CPU).
            Nd4j.exec(new Step(x, out, 0.0));
            Nd4j.exec(new MulOp(out, dy, out));
            return;
        }
        INDArray g = above(x, threshold);
        if (maxValue != null) {
            g.muli(between(x, 0.0, maxValue));
        }
        if (negativeSlope != 0) {
            g.addi(below(x, threshold).muli(negativeSlope));
        }
        out.assign(g.muli(dy));
    }
}
