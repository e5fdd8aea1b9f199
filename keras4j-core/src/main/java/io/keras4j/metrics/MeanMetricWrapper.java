package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.BiFunction;

/**
 * A metric that averages a per-sample function of targets and predictions over all samples seen, as
 * keras/src/metrics/reduction_metrics.py {@code MeanMetricWrapper}: {@code fn(y_true, y_pred)} gives
 * per-sample values (averaged over any trailing axes), weighted by {@code sample_weight}.
 *
 * <pre>{@code
 * Metric m = new MeanMetricWrapper("abs_err", (t, p) -> Transforms.abs(t.sub(p)).mean(-1));
 * }</pre>
 */
public class MeanMetricWrapper extends Metric {
    private final Mean mean;
    private final BiFunction<INDArray, INDArray, INDArray> fn;

    /** A metric averaging {@code fn(yTrue, yPred)}. */
    public MeanMetricWrapper(String name, BiFunction<INDArray, INDArray, INDArray> fn) {
        super(name);
        this.mean = new Mean(name);
        this.fn = fn;
    }

    /** For subclasses that override {@link #values}. */
    protected MeanMetricWrapper(String name) {
        this(name, null);
    }

    /** The per-sample values, shape {@code [batch]} (or the targets' shape without the last axis). */
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        return fn.apply(yTrue, yPred);
    }

    @Override
    public void updateState(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        mean.updateState(values(yTrue, yPred), sampleWeight);
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
