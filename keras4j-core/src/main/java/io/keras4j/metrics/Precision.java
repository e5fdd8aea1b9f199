package io.keras4j.metrics;

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
public class Precision extends TruePositiveRatio<Precision> {
    /** Threshold 0.5, as Keras. */
    public Precision() {
        this((double[]) null);
    }

    /** One precision per threshold (each in [0, 1]). */
    public Precision(double... thresholds) {
        super("precision", thresholds);
    }

    @Override
    double[] others(ConfusionMatrix c) {
        return c.fp;
    }
}
