package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The mean absolute percentage error, as keras/src/metrics/regression_metrics.py
 * {@code MeanAbsolutePercentageError}: per sample
 * {@code 100 * mean(abs((y_true - y_pred) / maximum(abs(y_true), epsilon)), axis=-1)} with Keras's
 * {@code epsilon()} (1e-7), averaged (weighted) over samples.
 */
public class MeanAbsolutePercentageError extends MeanMetricWrapper {
    public MeanAbsolutePercentageError() {
        this("mean_absolute_percentage_error");
    }

    public MeanAbsolutePercentageError(String name) {
        super(name);
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray t = MetricUtils.sameShape(yTrue.castTo(yPred.dataType()), yPred.shape(), name());
        return RegressionValues.meanLastAxis(Transforms.abs(t.sub(yPred).divi(Transforms.max(Transforms.abs(t, true), io.keras4j.backend.Backend.epsilon(), false)), false).muli(100));
    }
}
