package io.keras4j.metrics;

/**
 * The weighted count of false positives: label zero and prediction above the threshold, as keras/src/metrics/confusion_metrics.py {@code FalsePositives}.
 * {@code thresholds} default to 0.5; with several thresholds the result is one count per threshold
 * ({@link #resultValues()}).
 */
public class FalsePositives extends ConfusionMetric {
    /** Threshold 0.5, as Keras. */
    public FalsePositives() {
        this((double[]) null);
    }

    /** One count per threshold (each in [0, 1]). */
    public FalsePositives(double... thresholds) {
        super("false_positives", thresholds);
    }

    @Override
    double[] values() {
        return counts().fp.clone();
    }
}
