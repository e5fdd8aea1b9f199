package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How often binary predictions match the targets, as {@code keras.metrics.BinaryAccuracy}
 * ("binary_accuracy"): a prediction counts as 1 when it is greater than {@code threshold} (default 0.5);
 * the per-sample value is the mean over the last axis.
 */
public class BinaryAccuracy extends MeanMetricWrapper {
    private final double threshold;

    public BinaryAccuracy() {
        this("binary_accuracy", 0.5);
    }

    public BinaryAccuracy(String name, double threshold) {
        super(name);
        this.threshold = threshold;
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray predicted = yPred.gt(threshold).castTo(yPred.dataType());
        INDArray matches = yTrue.castTo(yPred.dataType()).reshape(yPred.shape()).eq(predicted).castTo(yPred.dataType());
        return matches.mean(yPred.rank() - 1);
    }
}
