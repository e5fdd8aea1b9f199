package io.keras4j.metrics;

/**
 * The weighted count of false negatives: label non-zero and prediction at or below the threshold, as keras/src/metrics/confusion_metrics.py {@code FalseNegatives}.
 * {@code thresholds} default to 0.5; with several thresholds the result is one count per threshold
 * ({@link #resultValues()}).
 */
public class FalseNegatives extends ConfusionMetric {
    /** Threshold 0.5, as Keras. */
    public FalseNegatives() {
        this((double[]) null);
    }

    /** One count per threshold (each in [0, 1]). */
    public FalseNegatives(double... thresholds) {
        super("false_negatives", thresholds);
    }

    @Override
    double[] values() {
        return counts().fn.clone();
    }
}
