package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How often predictions exactly equal the targets, as keras/src/metrics/accuracy_metrics.py
 * {@code accuracy}: the per-sample value is {@code mean(y_true == y_pred)} over the last axis. (The string
 * "accuracy" in {@code compile} resolves to the binary, categorical or sparse variant instead; see
 * {@link Metrics#forCompile}.)
 */
public class Accuracy extends MeanMetricWrapper {
    public Accuracy() {
        this("accuracy");
    }

    public Accuracy(String name) {
        super(name);
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray target = MetricUtils.sameShape(yTrue.castTo(yPred.dataType()), yPred.shape(), name());
        INDArray matches = target.eq(yPred).castTo(yPred.dataType());
        return yPred.rank() == 0 ? matches : matches.mean(yPred.rank() - 1);
    }
}
