package io.keras4j.metrics;

/**
 * The mean binary crossentropy between targets and predictions, as keras/src/metrics/probabilistic_metrics.py
 * {@code BinaryCrossentropy}: per sample the value of {@link io.keras4j.losses.BinaryCrossentropy}
 * (mean over the last axis, with {@code from_logits} and {@code label_smoothing}), averaged over samples.
 */
public class BinaryCrossentropy extends CrossentropyMetric {
    public BinaryCrossentropy() {
        this(false, 0.0);
    }

    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing) {
        super("binary_crossentropy", fromLogits, labelSmoothing,
                new io.keras4j.losses.BinaryCrossentropy().fromLogits(fromLogits).labelSmoothing(labelSmoothing));
    }
}
