package io.keras4j.optimizers;

import io.keras4j.optimizers.schedules.LearningRateSchedule;

import java.util.Map;

/**
 * Adam with decoupled weight decay, as keras/src/optimizers/adamw.py: exactly {@link Adam} whose
 * {@code weight_decay} defaults to 0.004 and may not be null (the base applies {@code w -= w * wd * lr}
 * before each Adam step). Defaults: learning_rate 0.001, weight_decay 0.004, beta_1 0.9, beta_2 0.999,
 * epsilon 1e-7, amsgrad false.
 */
public class AdamW extends Adam {
    public AdamW() {
        this(0.001);
    }

    public AdamW(double learningRate) {
        super("AdamW", learningRate);
        weightDecay(0.004);
    }

    public AdamW(LearningRateSchedule learningRate) {
        super("AdamW", learningRate);
        weightDecay(0.004);
    }

    public AdamW(double learningRate, double weightDecay) {
        this(learningRate);
        weightDecay(weightDecay);
    }

    @Override
    public <O extends Optimizer> O weightDecay(Double weightDecay) {
        if (weightDecay == null) {
            throw new IllegalArgumentException("AdamW: argument `weight_decay` must be a float. Received: weight_decay=None");
        }
        return super.weightDecay(weightDecay);
    }

    public static AdamW fromConfig(Map<String, Object> map) {
        return readConfig(new AdamW(), config("AdamW", map, "beta_1", "beta_2", "epsilon", "amsgrad"));
    }
}
