package io.keras4j.metrics;

import java.util.Map;

/**
 * What {@link Precision} and {@link Recall} share (keras/src/metrics/confusion_metrics.py gives both the same
 * arguments): {@code tp / (tp + other)} per threshold, 0 when the denominator is 0, the {@code top_k} and
 * {@code class_id} arguments and their config.
 *
 * @param <T> the concrete metric, returned by the fluent setters
 */
abstract class TruePositiveRatio<T extends TruePositiveRatio<T>> extends ConfusionMetric {
    TruePositiveRatio(String name, double[] thresholds) {
        super(name, thresholds);
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** Only the {@code k} largest predictions of each row count, as Keras's {@code top_k=}. */
    public T topK(int k) {
        setTopK(k);
        return self();
    }

    /** Only class {@code id} (a column of the last axis) counts, as Keras's {@code class_id=}. */
    public T classId(int id) {
        setClassId(id);
        return self();
    }

    /** The counts added to the true positives in the denominator (false positives or false negatives). */
    abstract double[] others(ConfusionMatrix c);

    @Override
    double[] values() {
        ConfusionMatrix c = counts();
        double[] others = others(c);
        double[] out = new double[c.tp.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = MetricUtils.divideNoNan(c.tp[i], c.tp[i] + others[i]);
        }
        return out;
    }

    @Override
    public Map<String, Object> getConfig() {
        return topKConfig(super.getConfig());
    }
}
