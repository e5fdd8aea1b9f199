package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weighted mean of the values given, as keras/src/metrics/reduction_metrics.py {@code Mean}:
 * {@code total / count}. Values of rank &gt; 1 are first averaged per sample (over all axes but the first);
 * each sample then adds {@code value * weight} to the total and {@code weight} to the count (weight 1
 * without {@code sample_weight}); per-element weights add the per-sample means of {@code value * weight}
 * and of {@code weight}, as {@code reduce_to_samplewise_values}. The result is 0 before any update (Keras's {@code divide_no_nan}).
 *
 * <pre>{@code
 * Mean m = new Mean();
 * m.updateState(Nd4j.createFromArray(1f, 3f, 5f, 7f), null, Nd4j.createFromArray(1f, 1f, 0f, 0f));
 * m.result();   // 2.0
 * }</pre>
 */
public class Mean extends Metric {
    private double total;
    private double count;

    public Mean() {
        this("mean");
    }

    public Mean(String name) {
        super(name);
    }

    /** Adds one value with weight {@code weight}. */
    public void update(double value, double weight) {
        total += value * weight;
        count += weight;
    }

    /** Adds {@code values} (a scalar or one entry per sample), as Keras's {@code update_state(values, sample_weight)}. */
    public void updateState(INDArray values) {
        updateState(values, (INDArray) null);
    }

    /** Accumulates the weighted values, as {@code mean.update_state(values, sample_weight)}. */
    @Override
    public void updateState(INDArray values, INDArray sampleWeight) {
        if (sampleWeight != null && values.rank() > 1 && sampleWeight.length() == values.length()) {
            INDArray w = sampleWeight.castTo(values.dataType()).reshape(values.shape());
            double[] weighted = MetricUtils.perSample(values.mul(w));
            double[] counts = MetricUtils.perSample(w);
            for (int i = 0; i < weighted.length; i++) {
                total += weighted[i];
                count += counts[i];
            }
            return;
        }
        double[] v = MetricUtils.perSample(values);
        double[] w = sampleWeight == null ? null : MetricUtils.perSample(sampleWeight);
        if (w != null && w.length != v.length && w.length != 1) {
            throw new IllegalArgumentException("Metric \"" + name() + "\": sample_weight needs one value per sample ("
                    + v.length + "), got " + w.length);
        }
        for (int i = 0; i < v.length; i++) {
            double wi = w == null ? 1.0 : w.length == 1 ? w[0] : w[i];
            total += v[i] * wi;
            count += wi;
        }
    }

    /** Same as {@link #updateState(INDArray, INDArray)}; {@code ignored} stands for Keras's absent {@code y_pred}. */
    @Override
    public void updateState(INDArray values, INDArray ignored, INDArray sampleWeight) {
        updateState(values, sampleWeight);
    }

    @Override
    public double result() {
        return count == 0 ? 0.0 : total / count;
    }

    @Override
    public void resetState() {
        total = 0;
        count = 0;
    }
}
