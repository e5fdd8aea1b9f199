package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code threshold(x) = x} if {@code x > threshold}, else {@code default_value}, as
 * keras/src/backend/numpy/nn.py {@code threshold} (both arguments required). Gradient {@code [x > threshold]}.
 */
final class Threshold extends BaseActivation {
    private final double threshold;
    private final double defaultValue;

    Threshold(double threshold, double defaultValue) {
        super("threshold");
        this.threshold = threshold;
        this.defaultValue = defaultValue;
        config("threshold", threshold);
        config("default_value", defaultValue);
    }

    @Override
    public void call(INDArray x, INDArray out) {
        // default + [x > t] * (x - default)
        out.assign(above(x, threshold).muli(x.sub(defaultValue)).addi(defaultValue));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        out.assign(above(x, threshold).muli(dy));
    }
}
