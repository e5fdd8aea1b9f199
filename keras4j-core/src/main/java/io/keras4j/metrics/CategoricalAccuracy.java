package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How often the predicted class (argmax of the predictions) equals the argmax of one-hot targets, as
 * {@code keras.metrics.CategoricalAccuracy} ("categorical_accuracy").
 */
public class CategoricalAccuracy extends MeanMetricWrapper {
    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    public CategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        long[] shape = java.util.Arrays.copyOf(yPred.shape(), yPred.rank() - 1);
        return MetricUtils.matches(MetricUtils.argMaxLastAxis(yTrue), MetricUtils.argMaxLastAxis(yPred), shape, yPred.dataType());
    }
}
