package io.keras4j.optimizers.schedules;

import io.keras4j.engine.Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link ExponentialDecay} and {@link InverseTimeDecay} share (keras/src/optimizers/schedules/learning_rate_schedule.py
 * gives both the same arguments): {@code initial_learning_rate}, {@code decay_steps}, {@code decay_rate},
 * {@code staircase} and {@code name}, and the decay progress {@code step / decay_steps}, floored when staircase.
 *
 * @param <T> the concrete schedule, returned by the fluent setters
 */
abstract class RateDecay<T extends RateDecay<T>> extends LearningRateSchedule {
    final double initialLearningRate;
    final double decayRate;
    private final long decaySteps;
    private boolean staircase;
    private String name;

    /** @param kerasName the Keras class name: the default {@code name} and the owner named in errors */
    RateDecay(String kerasName, double initialLearningRate, long decaySteps, double decayRate) {
        requirePositive(kerasName, "decay_steps", decaySteps);
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
        this.decayRate = decayRate;
        this.name = kerasName;
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** Decays in discrete intervals ({@code step / decay_steps} is floored). */
    public T staircase(boolean staircase) {
        this.staircase = staircase;
        return self();
    }

    public T name(String name) {
        this.name = name;
        return self();
    }

    /** {@code step / decay_steps}, floored when staircase. */
    double progress(long step) {
        double p = (double) step / decaySteps;
        return staircase ? Math.floor(p) : p;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("initial_learning_rate", initialLearningRate);
        config.put("decay_steps", decaySteps);
        config.put("decay_rate", decayRate);
        config.put("staircase", staircase);
        config.put("name", name);
        return config;
    }

    /** The constructor of a concrete schedule. */
    interface Factory<S extends RateDecay<S>> {
        S create(double initialLearningRate, long decaySteps, double decayRate);
    }

    /** A schedule named {@code className} from its Keras config. */
    static <S extends RateDecay<S>> S fromConfig(String className, Map<String, Object> map, Factory<S> factory) {
        Config c = new Config(className, map).allow("initial_learning_rate", "decay_steps", "decay_rate", "staircase");
        return factory.create(c.getDouble("initial_learning_rate", Double.NaN), c.getInt("decay_steps"),
                c.getDouble("decay_rate", Double.NaN)).staircase(c.getBoolean("staircase", false))
                .name(c.getString("name", className));
    }
}
