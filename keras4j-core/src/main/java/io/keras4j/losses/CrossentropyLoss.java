package io.keras4j.losses;

import java.util.Map;

/**
 * The arguments Keras's binary and categorical crossentropies (focal or not) share: {@code from_logits} and
 * {@code label_smoothing}, with their fluent setters and config keys ({@code axis} is always -1 here).
 *
 * @param <T> the concrete loss, returned by the fluent setters
 */
abstract class CrossentropyLoss<T extends CrossentropyLoss<T>> extends RowKernelLoss {
    boolean fromLogits;
    double labelSmoothing;

    CrossentropyLoss(String name) {
        super(name);
    }

    @SuppressWarnings("unchecked")
    final T self() {
        return (T) this;
    }

    /** Whether predictions are logits rather than probabilities (default false). */
    public T fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return self();
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    /** Label smoothing in [0, 1] (default 0). */
    public T labelSmoothing(double labelSmoothing) {
        this.labelSmoothing = checkLabelSmoothing(labelSmoothing);
        return self();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
        config.put("axis", -1);
        return config;
    }
}
