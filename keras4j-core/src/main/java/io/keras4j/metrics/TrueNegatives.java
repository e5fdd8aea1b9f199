package io.keras4j.metrics;

/**
 * The weighted count of true negatives: label zero and prediction at or below the threshold, as keras/src/metrics/confusion_metrics.py {@code TrueNegatives}.
 * {@code thresholds} default to 0.5; with several thresholds the result is one count per threshold
 * ({@link #resultValues()}).
 */
public class TrueNegatives extends ConfusionMetric {
    /** Threshold 0.5, as Keras. */
    public TrueNegatives() {
        this((double[]) null);
    }

    /** One count per threshold (each in [0, 1]). */
    public TrueNegatives(double... thresholds) {
        super("true_negatives", thresholds);
    }

    @Override
    double[] values() {
        return counts().tn.clone();
    }
}
