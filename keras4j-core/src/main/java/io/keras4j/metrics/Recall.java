package io.keras4j.metrics;

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
public class Recall extends TruePositiveRatio<Recall> {
    /** Threshold 0.5, as Keras. */
    public Recall() {
        this((double[]) null);
    }

    /** One recall per threshold (each in [0, 1]). */
    public Recall(double... thresholds) {
        super("recall", thresholds);
    }

    @Override
    double[] others(ConfusionMatrix c) {
        return c.fn;
    }
}
