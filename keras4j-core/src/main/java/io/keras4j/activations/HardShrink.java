package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code hard_shrink(x) = x} if {@code |x| > threshold}, else 0, as keras/src/backend/numpy/nn.py
 * {@code hard_shrink} (threshold default 0.5). Gradient {@code [|x| > threshold]}.
 */
final class HardShrink extends BaseActivation {
    private final double threshold;

    HardShrink(double threshold) {
        super("hard_shrink");
        this.threshold = threshold;
        config("threshold", threshold);
    }

    @Override
    public void call(INDArray x, INDArray out) {
        out.assign(outside(x, threshold).muli(x));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        out.assign(outside(x, threshold).muli(dy));
    }
}
