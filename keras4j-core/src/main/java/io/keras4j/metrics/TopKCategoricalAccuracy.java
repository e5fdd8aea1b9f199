package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How often the target class is among the {@code k} highest predictions, as
 * keras/src/metrics/accuracy_metrics.py {@code top_k_categorical_accuracy}: targets are one-hot
 * ({@code argmax} gives the class), predictions {@code [batch, classes]}; a class tied with the k-th
 * value counts as in the top k ({@code ops.in_top_k}).
 */
public class TopKCategoricalAccuracy extends MeanMetricWrapper {
    private final int k;

    /** {@code k} = 5, as Keras. */
    public TopKCategoricalAccuracy() {
        this(5);
    }

    public TopKCategoricalAccuracy(int k) {
        this(k, "top_k_categorical_accuracy");
    }

    public TopKCategoricalAccuracy(int k, String name) {
        super(name);
        if (k < 1) {
            throw new IllegalArgumentException("TopKCategoricalAccuracy: argument `k` must be >= 1, got " + k);
        }
        this.k = k;
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        return inTopK(MetricUtils.doubles(yTrue.argMax(yTrue.rank() - 1)), yPred, k);
    }

    /** 1 where {@code labels[i]} is among the k largest of row i of {@code yPred}, else 0. */
    static INDArray inTopK(double[] labels, INDArray yPred, int k) {
        long classes = yPred.size(yPred.rank() - 1);
        double[] p = MetricUtils.doubles(yPred);
        if (labels.length * classes != p.length) {
            throw new IllegalArgumentException("Top-k accuracy expects one target per prediction row: " + labels.length
                    + " targets for predictions of shape " + java.util.Arrays.toString(yPred.shape()));
        }
        float[] out = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int label = (int) labels[i];
            if (label < 0 || label >= classes) {
                continue;
            }
            double target = p[(int) (i * classes + label)];
            int greater = 0;
            for (int c = 0; c < classes; c++) {
                if (p[(int) (i * classes + c)] > target) {
                    greater++;
                }
            }
            out[i] = greater < k ? 1f : 0f;
        }
        return org.nd4j.linalg.factory.Nd4j.createFromArray(out);
    }

    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> config = super.getConfig();
        config.put("k", k);
        return config;
    }
}
