package io.keras4j.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How often the predicted class (argmax of the predictions) equals the integer label, as
 * {@code keras.metrics.SparseCategoricalAccuracy} ("sparse_categorical_accuracy").
 */
public class SparseCategoricalAccuracy extends MeanMetricWrapper {
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    public SparseCategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray predicted = yPred.argMax(yPred.rank() - 1).castTo(DataType.DOUBLE);
        INDArray labels = yTrue.castTo(DataType.DOUBLE).reshape(predicted.shape());
        return labels.eq(predicted).castTo(yPred.dataType());
    }
}
