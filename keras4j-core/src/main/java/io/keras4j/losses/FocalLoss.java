package io.keras4j.losses;

import java.util.Map;

/**
 * The arguments Keras's focal crossentropies add: {@code alpha} (default 0.25; the weight of class 1 when the binary
 * loss balances classes, the weight of every class in the categorical one) and the focusing parameter {@code gamma}
 * (default 2; 0 gives the plain crossentropy, times alpha where alpha applies).
 *
 * @param <T> the concrete loss, returned by the fluent setters
 */
abstract class FocalLoss<T extends FocalLoss<T>> extends CrossentropyLoss<T> {
    double alpha = 0.25;
    double gamma = 2.0;

    FocalLoss(String name) {
        super(name);
    }

    /** The class weight alpha (default 0.25). */
    public T alpha(double alpha) {
        this.alpha = alpha;
        return self();
    }

    /** The focusing parameter (default 2, at least 0). */
    public T gamma(double gamma) {
        if (gamma < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": `gamma` must be >= 0, got " + gamma);
        }
        this.gamma = gamma;
        return self();
    }

    /** Puts {@code alpha} and {@code gamma} into a config. */
    void putFocalConfig(Map<String, Object> config) {
        config.put("alpha", alpha);
        config.put("gamma", gamma);
    }
}
