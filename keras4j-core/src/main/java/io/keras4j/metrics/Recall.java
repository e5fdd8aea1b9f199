package io.keras4j.metrics;

import java.util.Map;

/**
 * The recall {@code tp / (tp + fn)} (0 when there is no positive label), as
 * keras/src/metrics/confusion_metrics.py {@code Recall}. A prediction is positive above
 * {@code thresholds} (default 0.5); with {@code topK} only the k largest predictions of each row can be
 * positive (threshold NEG_INF unless given); {@code classId} restricts to one class column.
 *
 * <pre>{@code
 * Metric m = new Recall().topK(1).classId(2);
 * }</pre>
 */
public class Recall extends ConfusionMetric {
    /** Threshold 0.5, as Keras. */
    public Recall() {
        this((double[]) null);
    }

    /** One recall per threshold (each in [0, 1]). */
    public Recall(double... thresholds) {
        super("recall", thresholds);
    }

    /** Only the {@code k} largest predictions of each row count, as Keras's {@code top_k=}. */
    public Recall topK(int k) {
        setTopK(k);
        return this;
    }

    /** Only class {@code id} (a column of the last axis) counts, as Keras's {@code class_id=}. */
    public Recall classId(int id) {
        setClassId(id);
        return this;
    }

    @Override
    double[] values() {
        ConfusionMatrix c = counts();
        double[] out = new double[c.tp.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = MetricUtils.divideNoNan(c.tp[i], c.tp[i] + c.fn[i]);
        }
        return out;
    }

    @Override
    public Map<String, Object> getConfig() {
        return topKConfig(super.getConfig());
    }
}
