package io.keras4j.metrics;

import java.util.Map;

/**
 * The precision {@code tp / (tp + fp)} (0 when nothing was predicted positive), as
 * keras/src/metrics/confusion_metrics.py {@code Precision}. A prediction is positive above
 * {@code thresholds} (default 0.5); with {@code topK} only the k largest predictions of each row can be
 * positive (threshold NEG_INF unless given); {@code classId} restricts to one class column.
 *
 * <pre>{@code
 * Metric m = new Precision().topK(1).classId(2);
 * }</pre>
 */
public class Precision extends ConfusionMetric {
    /** Threshold 0.5, as Keras. */
    public Precision() {
        this((double[]) null);
    }

    /** One precision per threshold (each in [0, 1]). */
    public Precision(double... thresholds) {
        super("precision", thresholds);
    }

    /** Only the {@code k} largest predictions of each row count, as Keras's {@code top_k=}. */
    public Precision topK(int k) {
        setTopK(k);
        return this;
    }

    /** Only class {@code id} (a column of the last axis) counts, as Keras's {@code class_id=}. */
    public Precision classId(int id) {
        setClassId(id);
        return this;
    }

    @Override
    double[] values() {
        ConfusionMatrix c = counts();
        double[] out = new double[c.tp.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = MetricUtils.divideNoNan(c.tp[i], c.tp[i] + c.fp[i]);
        }
        return out;
    }

    @Override
    public Map<String, Object> getConfig() {
        return topKConfig(super.getConfig());
    }
}
