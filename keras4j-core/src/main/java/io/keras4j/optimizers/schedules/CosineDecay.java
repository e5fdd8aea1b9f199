package io.keras4j.optimizers.schedules;

import io.keras4j.engine.Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cosine decay with optional linear warmup, as keras/src/optimizers/schedules/learning_rate_schedule.py
 * {@code CosineDecay}. Without {@code warmup_target}: {@code initial * ((1 - alpha) * 0.5 * (1 + cos(pi * s /
 * decay_steps)) + alpha)} with {@code s = min(step, decay_steps)}. With it, the rate first rises linearly from
 * {@code initial_learning_rate} to {@code warmup_target} over {@code warmup_steps}, then decays from
 * {@code warmup_target} as above over the next {@code decay_steps}. Defaults: alpha 0, warmup_target null,
 * warmup_steps 0, name "CosineDecay".
 */
public class CosineDecay extends LearningRateSchedule {
    private final double initialLearningRate;
    private final long decaySteps;
    private double alpha;
    private String name = "CosineDecay";
    private Double warmupTarget;
    private long warmupSteps;

    public CosineDecay(double initialLearningRate, long decaySteps) {
        requirePositive("CosineDecay", "decay_steps", decaySteps);
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
    }

    public CosineDecay(double initialLearningRate, long decaySteps, double alpha) {
        this(initialLearningRate, decaySteps);
        this.alpha = alpha;
    }

    /** The minimum rate as a fraction of the decayed-from rate. */
    public CosineDecay alpha(double alpha) {
        this.alpha = alpha;
        return this;
    }

    public CosineDecay name(String name) {
        this.name = name;
        return this;
    }

    /** The rate reached at the end of the warmup (null: no warmup). */
    public CosineDecay warmupTarget(Double warmupTarget) {
        this.warmupTarget = warmupTarget;
        return this;
    }

    public CosineDecay warmupSteps(long warmupSteps) {
        this.warmupSteps = warmupSteps;
        return this;
    }

    private double decay(double step, double from) {
        double cosineDecayed = 0.5 * (1.0 + Math.cos(Math.PI * step / decaySteps));
        return from * ((1 - alpha) * cosineDecayed + alpha);
    }

    @Override
    public double at(long step) {
        if (warmupTarget == null) {
            return decay(Math.min(step, decaySteps), initialLearningRate);
        }
        double s = Math.min(step, decaySteps + warmupSteps);
        if (s < warmupSteps) {
            return (warmupTarget - initialLearningRate) * (s / warmupSteps) + initialLearningRate;
        }
        return decay(s - warmupSteps, warmupTarget);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("initial_learning_rate", initialLearningRate);
        config.put("decay_steps", decaySteps);
        config.put("alpha", alpha);
        config.put("name", name);
        config.put("warmup_target", warmupTarget);
        config.put("warmup_steps", warmupSteps);
        return config;
    }

    public static CosineDecay fromConfig(Map<String, Object> map) {
        Config c = new Config("CosineDecay", map).allow("initial_learning_rate", "decay_steps", "alpha", "warmup_target", "warmup_steps");
        return new CosineDecay(c.getDouble("initial_learning_rate", Double.NaN), c.getInt("decay_steps"), c.getDouble("alpha", 0.0))
                .name(c.getString("name", "CosineDecay"))
                .warmupTarget(c.has("warmup_target") ? c.getDouble("warmup_target", 0) : null)
                .warmupSteps(c.getInt("warmup_steps", 0));
    }
}
