package io.keras4j.optimizers.schedules;

import java.util.Map;

/**
 * Exponential decay, as keras/src/optimizers/schedules/learning_rate_schedule.py {@code ExponentialDecay}:
 * {@code initial_learning_rate * decay_rate ^ (step / decay_steps)}, with the exponent floored when
 * {@code staircase}. Defaults: staircase false, name "ExponentialDecay".
 */
public class ExponentialDecay extends RateDecay<ExponentialDecay> {
    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate) {
        super("ExponentialDecay", initialLearningRate, decaySteps, decayRate);
    }

    @Override
    public double at(long step) {
        return initialLearningRate * Math.pow(decayRate, progress(step));
    }

    public static ExponentialDecay fromConfig(Map<String, Object> map) {
        return fromConfig("ExponentialDecay", map, ExponentialDecay::new);
    }
}
