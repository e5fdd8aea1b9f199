package io.keras4j.optimizers;

import io.keras4j.optimizers.schedules.LearningRateSchedule;

import java.util.Map;

/**
 * The moment-estimate arguments that Keras's Adam, AdamW, Adamax, Nadam and Lamb share, with Keras's defaults
 * ({@code beta_1} 0.9, {@code beta_2} 0.999, {@code epsilon} 1e-7), their fluent setters and config keys.
 *
 * @param <T> the concrete optimizer, returned by the fluent setters
 */
abstract class MomentOptimizer<T extends MomentOptimizer<T>> extends Optimizer {
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-7;

    MomentOptimizer(String className, double learningRate) {
        super(className, learningRate);
    }

    MomentOptimizer(String className, LearningRateSchedule learningRate) {
        super(className, learningRate);
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** The decay rate of the first moment estimate ({@code beta_1}). */
    public T beta1(double beta1) {
        this.beta1 = beta1;
        return self();
    }

    /** The decay rate of the second moment estimate ({@code beta_2}). */
    public T beta2(double beta2) {
        this.beta2 = beta2;
        return self();
    }

    /** The small constant added to the denominator for numerical stability ({@code epsilon}). */
    public T epsilon(double epsilon) {
        this.epsilon = epsilon;
        return self();
    }

    /** Puts {@code beta_1}, {@code beta_2} and {@code epsilon} into a config. */
    void putMomentConfig(Map<String, Object> config) {
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("epsilon", epsilon);
    }
}
