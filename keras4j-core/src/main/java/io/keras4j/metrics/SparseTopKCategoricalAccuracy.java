package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How often the integer target is among the {@code k} highest predictions, as
 * keras/src/metrics/accuracy_metrics.py {@code sparse_top_k_categorical_accuracy}: targets
 * {@code [batch]} (or {@code [batch, 1]}), predictions {@code [batch, classes]}; ties with the k-th value
 * count as in the top k.
 */
public class SparseTopKCategoricalAccuracy extends MeanMetricWrapper {
    private final int k;

    /** {@code k} = 5, as Keras. */
    public SparseTopKCategoricalAccuracy() {
        this(5);
    }

    public SparseTopKCategoricalAccuracy(int k) {
        this(k, "sparse_top_k_categorical_accuracy");
    }

    public SparseTopKCategoricalAccuracy(int k, String name) {
        super(name);
        if (k < 1) {
            throw new IllegalArgumentException("SparseTopKCategoricalAccuracy: argument `k` must be >= 1, got " + k);
        }
        this.k = k;
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        return TopKCategoricalAccuracy.inTopK(MetricUtils.doubles(yTrue), yPred, k);
    }

    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> config = super.getConfig();
        config.put("k", k);
        return config;
    }
}
