package io.keras4j.optimizers.schedules;

import java.util.Map;

/**
 * Inverse time decay, as keras/src/optimizers/schedules/learning_rate_schedule.py {@code InverseTimeDecay}:
 * {@code initial_learning_rate / (1 + decay_rate * step / decay_steps)}, with {@code step / decay_steps}
 * floored when {@code staircase}. Defaults: staircase false, name "InverseTimeDecay".
 */
public class InverseTimeDecay extends RateDecay<InverseTimeDecay> {
    public InverseTimeDecay(double initialLearningRate, long decaySteps, double decayRate) {
        super("InverseTimeDecay", initialLearningRate, decaySteps, decayRate);
    }

    @Override
    public double at(long step) {
        return initialLearningRate / (1 + decayRate * progress(step));
    }

    public static InverseTimeDecay fromConfig(Map<String, Object> map) {
        return fromConfig("InverseTimeDecay", map, InverseTimeDecay::new);
    }
}
