package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The mean of absolute errors, as keras/src/metrics/regression_metrics.py {@code MeanAbsoluteError}:
 * per sample {@code mean(abs(y_true - y_pred), axis=-1)}, averaged (weighted) over samples.
 */
public class MeanAbsoluteError extends MeanMetricWrapper {
    public MeanAbsoluteError() {
        this("mean_absolute_error");
    }

    public MeanAbsoluteError(String name) {
        super(name);
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray t = MetricUtils.sameShape(yTrue.castTo(yPred.dataType()), yPred.shape(), name());
        return RegressionValues.meanLastAxis(Transforms.abs(t.sub(yPred), false));
    }
}
