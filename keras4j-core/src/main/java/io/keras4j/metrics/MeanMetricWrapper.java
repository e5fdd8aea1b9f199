package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A metric that averages a per-sample function of targets and predictions over all samples seen, as
 * {@code keras.metrics.MeanMetricWrapper}. Subclasses give the per-sample {@link #values}.
 */
public abstract class MeanMetricWrapper extends Metric {
    private final Mean mean;

    protected MeanMetricWrapper(String name) {
        super(name);
        this.mean = new Mean(name);
    }

    /** The per-sample values, shape {@code [batch]} (or the targets' shape without the last axis). */
    protected abstract INDArray values(INDArray yTrue, INDArray yPred);

    @Override
    public void updateState(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        INDArray values = values(yTrue, yPred);
        INDArray w = sampleWeight;
        if (w != null && w.length() != values.length()) {
            w = w.reshape(w.length(), 1).repeat(1, values.length() / w.length());
        }
        mean.updateState(values, null, w);
    }

    @Override
    public double result() {
        return mean.result();
    }

    @Override
    public void resetState() {
        mean.resetState();
    }
}
