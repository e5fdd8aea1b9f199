package io.keras4j.optimizers.schedules;

import java.util.Map;

/**
 * A learning rate as a function of the optimizer step, as keras/src/optimizers/schedules/learning_rate_schedule.py
 * {@code LearningRateSchedule}. An optimizer given a schedule evaluates it at its raw step count before every
 * update: {@code new Adam(new ExponentialDecay(1e-2, 10000, 0.9))}.
 */
public abstract class LearningRateSchedule {
    /** The learning rate at {@code step} (0 for the first update), as {@code schedule(step)}. */
    public abstract double at(long step);

    /** The Keras class name, as saved in configs. */
    public String className() {
        return getClass().getSimpleName();
    }

    /** The Keras config, with Keras's keys in Keras's order. */
    public abstract Map<String, Object> getConfig();

    static void requirePositive(String owner, String argument, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(owner + ": argument `" + argument + "` must be > 0, got " + value);
        }
    }
}
