package io.keras4j.callbacks;

import io.keras4j.optimizers.Optimizer;

import java.util.Map;

/**
 * Reduces the learning rate when a metric has stopped improving, as
 * keras/src/callbacks/reduce_lr_on_plateau.py {@code ReduceLROnPlateau}: after {@code patience} epochs
 * without an improvement of more than {@code min_delta} in {@code monitor}, {@code lr = max(lr * factor,
 * min_lr)} (when lr is above min_lr), then {@code cooldown} epochs pass before counting again. The current
 * rate is logged as "learning_rate".
 *
 * <pre>{@code
 * new ReduceLROnPlateau().monitor("val_loss").factor(0.2).patience(5).minLr(0.001)
 * }</pre>
 */
public class ReduceLROnPlateau extends MonitorCallback {
    private double factor = 0.1;
    private int patience = 10;
    private int verbose;
    private int cooldown;
    private double minLr;
    private int wait;
    private int cooldownCounter;
    private Double best;

    /** monitor "val_loss", factor 0.1, patience 10, mode "auto", min_delta 1e-4, cooldown 0, min_lr 0, as Keras. */
    public ReduceLROnPlateau() {
        super("val_loss", "auto", 1e-4);
    }

    public ReduceLROnPlateau monitor(String monitor) {
        this.monitor = monitor;
        setMode(mode);
        return this;
    }

    /** The factor by which the rate is multiplied; must be below 1. */
    public ReduceLROnPlateau factor(double factor) {
        if (factor >= 1.0) {
            throw new IllegalArgumentException("ReduceLROnPlateau does not support a factor >= 1.0. Received factor=" + factor);
        }
        this.factor = factor;
        return this;
    }

    public ReduceLROnPlateau patience(int patience) {
        this.patience = patience;
        return this;
    }

    public ReduceLROnPlateau verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /** "auto" (default), "min" or "max". */
    public ReduceLROnPlateau mode(String mode) {
        setMode(mode);
        return this;
    }

    public ReduceLROnPlateau minDelta(double minDelta) {
        this.minDelta = minDelta;
        return this;
    }

    /** Epochs to wait after a reduction before counting again. */
    public ReduceLROnPlateau cooldown(int cooldown) {
        this.cooldown = cooldown;
        return this;
    }

    /** The lower bound of the learning rate. */
    public ReduceLROnPlateau minLr(double minLr) {
        this.minLr = minLr;
        return this;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        best = null;
        cooldownCounter = 0;
        wait = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Optimizer optimizer = model().optimizer();
        logs.put("learning_rate", (double) (float) optimizer.learningRate());
        Double current = monitorValue(logs, "Learning rate reduction");
        if (current == null) {
            return;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        if (isImprovement(current, best)) {
            best = current;
            wait = 0;
        } else if (cooldownCounter <= 0) {
            wait++;
            if (wait >= patience && reduce(optimizer, epoch)) {
                cooldownCounter = cooldown;
                wait = 0;
            }
        }
    }

    private boolean reduce(Optimizer optimizer, int epoch) {
        double old = optimizer.learningRate();
        if (old > (float) minLr) {
            double lr = Math.max(old * factor, minLr);
            optimizer.setLearningRate(lr);
            if (verbose > 0) {
                System.out.println("\nEpoch " + (epoch + 1) + ": ReduceLROnPlateau reducing learning rate to " + lr + ".");
            }
            return true;
        }
        return false;
    }
}
