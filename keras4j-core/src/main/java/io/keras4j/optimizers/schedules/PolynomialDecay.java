package io.keras4j.optimizers.schedules;

import io.keras4j.engine.Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Polynomial decay, as keras/src/optimizers/schedules/learning_rate_schedule.py {@code PolynomialDecay}:
 * {@code (initial - end) * (1 - step / decay_steps) ^ power + end}, with {@code step} capped at
 * {@code decay_steps}; with {@code cycle}, {@code decay_steps} is instead multiplied by
 * {@code ceil(step / decay_steps)} (1 at step 0). Defaults: end_learning_rate 1e-4, power 1, cycle false.
 */
public class PolynomialDecay extends LearningRateSchedule {
    private final double initialLearningRate;
    private final long decaySteps;
    private double endLearningRate = 0.0001;
    private double power = 1.0;
    private boolean cycle;
    private String name = "PolynomialDecay";

    public PolynomialDecay(double initialLearningRate, long decaySteps) {
        requirePositive("PolynomialDecay", "decay_steps", decaySteps);
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
    }

    public PolynomialDecay(double initialLearningRate, long decaySteps, double endLearningRate, double power, boolean cycle) {
        this(initialLearningRate, decaySteps);
        this.endLearningRate = endLearningRate;
        this.power = power;
        this.cycle = cycle;
    }

    public PolynomialDecay endLearningRate(double endLearningRate) {
        this.endLearningRate = endLearningRate;
        return this;
    }

    public PolynomialDecay power(double power) {
        this.power = power;
        return this;
    }

    /** Restarts the decay every {@code decay_steps} (stretched by the number of completed cycles). */
    public PolynomialDecay cycle(boolean cycle) {
        this.cycle = cycle;
        return this;
    }

    public PolynomialDecay name(String name) {
        this.name = name;
        return this;
    }

    @Override
    public double at(long step) {
        double s = step;
        double d = decaySteps;
        if (cycle) {
            d *= step == 0 ? 1.0 : Math.ceil(s / decaySteps);
        } else {
            s = Math.min(s, d);
        }
        return (initialLearningRate - endLearningRate) * Math.pow(1 - s / d, power) + endLearningRate;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("initial_learning_rate", initialLearningRate);
        config.put("decay_steps", decaySteps);
        config.put("end_learning_rate", endLearningRate);
        config.put("power", power);
        config.put("cycle", cycle);
        config.put("name", name);
        return config;
    }

    public static PolynomialDecay fromConfig(Map<String, Object> map) {
        Config c = new Config("PolynomialDecay", map).allow("initial_learning_rate", "decay_steps", "end_learning_rate", "power", "cycle");
        return new PolynomialDecay(c.getDouble("initial_learning_rate", Double.NaN), c.getInt("decay_steps"),
                c.getDouble("end_learning_rate", 0.0001), c.getDouble("power", 1.0), c.getBoolean("cycle", false))
                .name(c.getString("name", "PolynomialDecay"));
    }
}
