package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code soft_shrink(x) = x - threshold} if {@code x > threshold}, {@code x + threshold} if {@code x < -threshold},
 * else 0, as keras/src/backend/numpy/nn.py {@code soft_shrink} (threshold default 0.5). Gradient {@code [|x| > threshold]}.
 */
final class SoftShrink extends BaseActivation {
    private final double threshold;

    SoftShrink(double threshold) {
        super("soft_shrink");
        this.threshold = threshold;
        config("threshold", threshold);
    }

    @Override
    public void call(INDArray x, INDArray out) {
        out.assign(above(x, threshold).muli(x.sub(threshold)).addi(below(x, -threshold).muli(x.add(threshold))));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        out.assign(outside(x, threshold).muli(dy));
    }
}
