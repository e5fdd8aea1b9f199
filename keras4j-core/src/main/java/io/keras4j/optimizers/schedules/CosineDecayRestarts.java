package io.keras4j.optimizers.schedules;

import io.keras4j.engine.Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cosine decay with warm restarts (SGDR), as keras/src/optimizers/schedules/learning_rate_schedule.py
 * {@code CosineDecayRestarts}. With {@code f = step / first_decay_steps}: the restart index is
 * {@code i = floor(f)} and {@code f -= i} when {@code t_mul == 1}, else
 * {@code i = floor(log(1 - f (1 - t_mul)) / log(t_mul))} and {@code f = (f - (1 - t_mul^i) / (1 - t_mul)) / t_mul^i};
 * the rate is {@code initial * ((1 - alpha) * 0.5 * m_mul^i * (1 + cos(pi f)) + alpha)}.
 * Defaults: t_mul 2, m_mul 1, alpha 0, name "SGDRDecay".
 */
public class CosineDecayRestarts extends LearningRateSchedule {
    private final double initialLearningRate;
    private final long firstDecaySteps;
    private double tMul = 2.0;
    private double mMul = 1.0;
    private double alpha;
    private String name = "SGDRDecay";

    public CosineDecayRestarts(double initialLearningRate, long firstDecaySteps) {
        requirePositive("CosineDecayRestarts", "first_decay_steps", firstDecaySteps);
        this.initialLearningRate = initialLearningRate;
        this.firstDecaySteps = firstDecaySteps;
    }

    public CosineDecayRestarts(double initialLearningRate, long firstDecaySteps, double tMul, double mMul, double alpha) {
        this(initialLearningRate, firstDecaySteps);
        this.tMul = tMul;
        this.mMul = mMul;
        this.alpha = alpha;
    }

    /** The factor by which each period is longer than the previous one. */
    public CosineDecayRestarts tMul(double tMul) {
        this.tMul = tMul;
        return this;
    }

    /** The factor by which each restart's initial rate is scaled. */
    public CosineDecayRestarts mMul(double mMul) {
        this.mMul = mMul;
        return this;
    }

    public CosineDecayRestarts alpha(double alpha) {
        this.alpha = alpha;
        return this;
    }

    public CosineDecayRestarts name(String name) {
        this.name = name;
        return this;
    }

    @Override
    public double at(long step) {
        double f = (double) step / firstDecaySteps;
        double i;
        if (tMul == 1.0) {
            i = Math.floor(f);
            f -= i;
        } else {
            i = Math.floor(Math.log(1.0 - f * (1.0 - tMul)) / Math.log(tMul));
            double sum = (1.0 - Math.pow(tMul, i)) / (1.0 - tMul);
            f = (f - sum) / Math.pow(tMul, i);
        }
        double cosineDecayed = 0.5 * Math.pow(mMul, i) * (1.0 + Math.cos(Math.PI * f));
        return initialLearningRate * ((1 - alpha) * cosineDecayed + alpha);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("initial_learning_rate", initialLearningRate);
        config.put("first_decay_steps", firstDecaySteps);
        config.put("t_mul", tMul);
        config.put("m_mul", mMul);
        config.put("alpha", alpha);
        config.put("name", name);
        return config;
    }

    public static CosineDecayRestarts fromConfig(Map<String, Object> map) {
        Config c = new Config("CosineDecayRestarts", map).allow("initial_learning_rate", "first_decay_steps", "t_mul", "m_mul", "alpha");
        return new CosineDecayRestarts(c.getDouble("initial_learning_rate", Double.NaN), c.getInt("first_decay_steps"),
                c.getDouble("t_mul", 2.0), c.getDouble("m_mul", 1.0), c.getDouble("alpha", 0.0))
                .name(c.getString("name", "SGDRDecay"));
    }
}
