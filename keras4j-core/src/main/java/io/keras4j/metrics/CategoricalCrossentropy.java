package io.keras4j.metrics;

/**
 * The mean categorical crossentropy between targets and predictions, as keras/src/metrics/probabilistic_metrics.py
 * {@code CategoricalCrossentropy}: per sample the value of {@link io.keras4j.losses.CategoricalCrossentropy}
 * (over the class axis, with {@code from_logits} and {@code label_smoothing}), averaged over samples.
 */
public class CategoricalCrossentropy extends CrossentropyMetric {
    public CategoricalCrossentropy() {
        this(false, 0.0);
    }

    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
        super("categorical_crossentropy", fromLogits, labelSmoothing,
                new io.keras4j.losses.CategoricalCrossentropy().fromLogits(fromLogits).labelSmoothing(labelSmoothing));
    }
}
