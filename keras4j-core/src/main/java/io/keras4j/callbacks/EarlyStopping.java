package io.keras4j.callbacks;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/**
 * Stops training when a monitored quantity has stopped improving, as keras/src/callbacks/early_stopping.py
 * {@code EarlyStopping}.
 *
 * <p>After each epoch from {@code start_from_epoch} on, the value of {@code monitor} (default "val_loss")
 * is compared with the best so far: an improvement by more than {@code min_delta} resets the wait
 * counter (if it also beats {@code baseline}); otherwise, once the counter reaches {@code patience}
 * (and the epoch is not the first), {@code model.stopTraining} is set. With {@code restore_best_weights}
 * the weights of the best epoch are put back at the end of training.
 *
 * <pre>{@code
 * model.fit(x, y, new FitOptions().epochs(100).validationSplit(0.2)
 *         .callbacks(new EarlyStopping().monitor("val_loss").patience(3).restoreBestWeights(true)));
 * }</pre>
 */
public class EarlyStopping extends MonitorCallback {
    private int patience;
    private int verbose;
    private Double baseline;
    private boolean restoreBestWeights;
    private int startFromEpoch;
    private int wait;
    private int stoppedEpoch;
    private Double best;
    private List<INDArray> bestWeights;
    private int bestEpoch;

    /** monitor "val_loss", min_delta 0, patience 0, mode "auto", as Keras. */
    public EarlyStopping() {
        super("val_loss", "auto", 0.0);
    }

    public EarlyStopping monitor(String monitor) {
        this.monitor = monitor;
        setMode(mode);
        return this;
    }

    /** The smallest absolute change that counts as an improvement (its sign is ignored). */
    public EarlyStopping minDelta(double minDelta) {
        this.minDelta = Math.abs(minDelta);
        return this;
    }

    /** Epochs without improvement after which training stops. */
    public EarlyStopping patience(int patience) {
        this.patience = patience;
        return this;
    }

    /** 1 prints "Epoch n: early stopping" and the restore message. */
    public EarlyStopping verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /** "auto" (default), "min" or "max". */
    public EarlyStopping mode(String mode) {
        setMode(mode);
        return this;
    }

    /** A value the monitored quantity must beat for the wait counter to reset. */
    public EarlyStopping baseline(double baseline) {
        this.baseline = baseline;
        return this;
    }

    /** Whether to put back the weights of the best epoch when training ends. */
    public EarlyStopping restoreBestWeights(boolean restore) {
        this.restoreBestWeights = restore;
        return this;
    }

    /** The number of warm-up epochs during which nothing is monitored. */
    public EarlyStopping startFromEpoch(int epoch) {
        this.startFromEpoch = epoch;
        return this;
    }

    /** The epoch (0-based) at which training was stopped, or 0. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch (0-based) with the best monitored value. */
    public int bestEpoch() {
        return bestEpoch;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        wait = 0;
        stoppedEpoch = 0;
        best = null;
        bestWeights = null;
        bestEpoch = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double current = monitorValue(logs, "Early stopping");
        if (current == null || epoch < startFromEpoch) {
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            bestWeights = model().getWeights();
            bestEpoch = epoch;
        }
        wait++;
        if (isImprovement(current, best)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = model().getWeights();
            }
            if (baseline == null || isImprovement(current, baseline)) {
                wait = 0;
            }
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model().setStopTraining(true);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (stoppedEpoch > 0 && verbose > 0) {
            System.out.println("Epoch " + (stoppedEpoch + 1) + ": early stopping");
        }
        if (restoreBestWeights && bestWeights != null) {
            if (verbose > 0) {
                System.out.println("Restoring model weights from the end of the best epoch: " + (bestEpoch + 1) + ".");
            }
            model().setWeights(bestWeights);
        }
    }
}
