package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The root of the mean squared error, as keras/src/metrics/regression_metrics.py {@code RootMeanSquaredError}:
 * {@code sqrt(total / count)} of the (weighted) mean of {@code square(y_pred - y_true)} over all samples
 * seen, so the root is taken once, after accumulation.
 */
public class RootMeanSquaredError extends Metric {
    private final Mean mean;

    public RootMeanSquaredError() {
        this("root_mean_squared_error");
    }

    public RootMeanSquaredError(String name) {
        super(name);
        this.mean = new Mean(name);
    }

    @Override
    public void updateState(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        INDArray t = MetricUtils.sameShape(yTrue.castTo(yPred.dataType()), yPred.shape(), name());
        mean.updateState(Transforms.pow(yPred.sub(t), 2, false), sampleWeight);
    }

    @Override
    public double result() {
        return Math.sqrt(mean.result());
    }

    @Override
    public void resetState() {
        mean.resetState();
    }
}
