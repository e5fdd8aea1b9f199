package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weighted sum of the values given, as keras/src/metrics/reduction_metrics.py {@code Sum}: values of
 * rank &gt; 1 are summed per sample, then {@code total += sum(value * weight)}.
 * {@code Sum} of {@code [1, 3, 5, 7]} with weights {@code [1, 1, 0, 0]} is 4.
 */
public class Sum extends Metric {
    private double total;

    public Sum() {
        this("sum");
    }

    public Sum(String name) {
        super(name);
    }

    /** Adds {@code values} (a scalar or one entry per sample), each times its weight. */
    public void updateState(INDArray values, INDArray sampleWeight) {
        double[] v = MetricUtils.perSampleSum(values);
        double[] w = sampleWeight == null ? null : MetricUtils.perSample(sampleWeight);
        if (w != null && w.length != v.length && w.length != 1) {
            throw new IllegalArgumentException("Metric \"" + name() + "\": sample_weight needs one value per sample ("
                    + v.length + "), got " + w.length);
        }
        for (int i = 0; i < v.length; i++) {
            total += v[i] * (w == null ? 1.0 : w.length == 1 ? w[0] : w[i]);
        }
    }

    /** Same as {@link #updateState(INDArray, INDArray)}; {@code ignored} stands for Keras's absent {@code y_pred}. */
    @Override
    public void updateState(INDArray values, INDArray ignored, INDArray sampleWeight) {
        updateState(values, sampleWeight);
    }

    @Override
    public double result() {
        return total;
    }

    @Override
    public void resetState() {
        total = 0;
    }
}
