package io.keras4j.optimizers.schedules;

import io.keras4j.engine.Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inverse time decay, as keras/src/optimizers/schedules/learning_rate_schedule.py {@code InverseTimeDecay}:
 * {@code initial_learning_rate / (1 + decay_rate * step / decay_steps)}, with {@code step / decay_steps}
 * floored when {@code staircase}. Defaults: staircase false, name "InverseTimeDecay".
 */
public class InverseTimeDecay extends LearningRateSchedule {
    private final double initialLearningRate;
    private final long decaySteps;
    private final double decayRate;
    private boolean staircase;
    private String name = "InverseTimeDecay";

    public InverseTimeDecay(double initialLearningRate, long decaySteps, double decayRate) {
        requirePositive("InverseTimeDecay", "decay_steps", decaySteps);
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
        this.decayRate = decayRate;
    }

    /** Decays in discrete intervals ({@code step / decay_steps} is floored). */
    public InverseTimeDecay staircase(boolean staircase) {
        this.staircase = staircase;
        return this;
    }

    public InverseTimeDecay name(String name) {
        this.name = name;
        return this;
    }

    @Override
    public double at(long step) {
        double p = (double) step / decaySteps;
        return initialLearningRate / (1 + decayRate * (staircase ? Math.floor(p) : p));
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

    public static InverseTimeDecay fromConfig(Map<String, Object> map) {
        Config c = new Config("InverseTimeDecay", map).allow("initial_learning_rate", "decay_steps", "decay_rate", "staircase");
        return new InverseTimeDecay(c.getDouble("initial_learning_rate", Double.NaN), c.getInt("decay_steps"),
                c.getDouble("decay_rate", Double.NaN)).staircase(c.getBoolean("staircase", false))
                .name(c.getString("name", "InverseTimeDecay"));
    }
}
