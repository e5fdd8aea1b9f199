package io.keras4j.callbacks;

import java.util.Map;

/**
 * Sets the learning rate at the start of each epoch from a schedule, as
 * keras/src/callbacks/learning_rate_scheduler.py {@code LearningRateScheduler}:
 * {@code lr = schedule(epoch, current_lr)}; the rate is logged as "learning_rate" at the end of the epoch.
 *
 * <pre>{@code
 * new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1))
 * }</pre>
 */
public class LearningRateScheduler extends Callback {
    /** The schedule: epoch index (0-based) and current rate to the new rate. */
    @FunctionalInterface
    public interface Schedule {
        double apply(int epoch, double learningRate);
    }

    private final Schedule schedule;
    private final int verbose;

    public LearningRateScheduler(Schedule schedule) {
        this(schedule, 0);
    }

    /** {@code verbose} 1 prints each new rate. */
    public LearningRateScheduler(Schedule schedule, int verbose) {
        this.schedule = schedule;
        this.verbose = verbose;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        double lr = schedule.apply(epoch, model().optimizer().learningRate());
        if (Double.isNaN(lr) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("LearningRateScheduler: the schedule returned " + lr + " at epoch " + epoch
                    + "; it must return a finite float");
        }
        model().optimizer().setLearningRate(lr);
        if (verbose > 0) {
            System.out.println("\nEpoch " + (epoch + 1) + ": LearningRateScheduler setting learning rate to " + lr + ".");
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logs.put("learning_rate", (double) (float) model().optimizer().learningRate());
    }
}
