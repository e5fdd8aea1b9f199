package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How often binary predictions match the targets, as keras/src/metrics/accuracy_metrics.py
 * {@code binary_accuracy}: a prediction counts as 1 when it is greater than {@code threshold} (default 0.5),
 * and the per-sample value is {@code mean(y_true == (y_pred > threshold))} over the last axis.
 */
public class BinaryAccuracy extends MeanMetricWrapper {
    private double threshold;

    public BinaryAccuracy() {
        this("binary_accuracy", 0.5);
    }

    public BinaryAccuracy(String name, double threshold) {
        super(name);
        this.threshold = threshold;
    }

    /** The decision threshold, as Keras's {@code threshold=} (default 0.5). */
    public BinaryAccuracy threshold(double threshold) {
        this.threshold = threshold;
        return this;
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray predicted = yPred.gt(threshold).castTo(yPred.dataType());
        INDArray target = MetricUtils.sameShape(yTrue.castTo(yPred.dataType()), yPred.shape(), name());
        INDArray matches = target.eq(predicted).castTo(yPred.dataType());
        return yPred.rank() == 0 ? matches : matches.mean(yPred.rank() - 1);
    }

    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> config = super.getConfig();
        config.put("threshold", threshold);
        return config;
    }
}
