package io.keras4j.metrics;

/**
 * The weighted count of true positives: label non-zero and prediction above the threshold, as keras/src/metrics/confusion_metrics.py {@code TruePositives}.
 * {@code thresholds} default to 0.5; with several thresholds the result is one count per threshold
 * ({@link #resultValues()}).
 */
public class TruePositives extends ConfusionMetric {
    /** Threshold 0.5, as Keras. */
    public TruePositives() {
        this((double[]) null);
    }

    /** One count per threshold (each in [0, 1]). */
    public TruePositives(double... thresholds) {
        super("true_positives", thresholds);
    }

    @Override
    double[] values() {
        return counts().tp.clone();
    }
}
