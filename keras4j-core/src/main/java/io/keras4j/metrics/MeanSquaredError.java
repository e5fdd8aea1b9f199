package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The mean of squared errors, as keras/src/metrics/regression_metrics.py {@code MeanSquaredError}:
 * per sample {@code mean(square(y_true - y_pred), axis=-1)}, averaged (weighted) over samples.
 */
public class MeanSquaredError extends MeanMetricWrapper {
    public MeanSquaredError() {
        this("mean_squared_error");
    }

    public MeanSquaredError(String name) {
        super(name);
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray t = MetricUtils.sameShape(yTrue.castTo(yPred.dataType()), yPred.shape(), name());
        return RegressionValues.meanLastAxis(Transforms.pow(t.sub(yPred), 2, false));
    }
}
