package io.keras4j.models;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@code data} of one step, as the {@code (x, y, sample_weight)} tuple Keras passes to {@code train_step},
 * {@code test_step} and {@code predict_step}: {@code INDArray x = data.x(), y = data.y();}.
 */
public final class StepData {
    private final INDArray[] x;
    private final INDArray[] y;
    private final INDArray sampleWeight;

    /**
     * @param x            one array per model input
     * @param y            one array per output, or null (prediction, or training without targets)
     * @param sampleWeight per-sample weights, or null
     */
    public StepData(INDArray[] x, INDArray[] y, INDArray sampleWeight) {
        this.x = x.clone();
        this.y = y == null ? null : y.clone();
        this.sampleWeight = sampleWeight;
    }

    /** The (first) input array. */
    public INDArray x() {
        return x[0];
    }

    /** The (first) target array, or null. */
    public INDArray y() {
        return y == null ? null : y[0];
    }

    /** The per-sample weights, or null. */
    public INDArray sampleWeight() {
        return sampleWeight;
    }

    /** All input arrays, in input order. */
    public INDArray[] xs() {
        return x.clone();
    }

    /** All target arrays, in output order, or null. */
    public INDArray[] ys() {
        return y == null ? null : y.clone();
    }

    /** The number of samples in the batch. */
    public long batchSize() {
        return x[0].rank() == 0 ? 1 : x[0].size(0);
    }
}
