package io.keras4j.callbacks;

import io.keras4j.utils.Progbar;

import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * Prints progress to stdout, as keras/src/callbacks/progbar_logger.py {@code ProgbarLogger}: "Epoch i/n" when
 * there is more than one epoch, then a {@link Progbar} over the steps showing the logs as they are
 * (all metrics stateful). {@code fit} adds one for {@code verbose} 1 or 2; validation inside {@code fit}
 * stays silent.
 *
 * <p>On a terminal the bar redraws one line; when standard output is not a terminal (a log file, a container's
 * log collector) each update is a plain line without control characters: see {@link Progbar#dynamicDisplay(boolean)}
 * and {@link #dynamicDisplay(boolean)} to force either.
 */
public class ProgbarLogger extends Callback {
    private final PrintStream out;
    private final DoubleSupplier clock;
    private Boolean dynamicDisplay;
    private Progbar progbar;
    private Integer target;
    private int verbose = 1;
    private int epochs = 1;
    private int seen;
    private boolean calledInFit;

    public ProgbarLogger() {
        this(System.out);
    }

    /** A logger printing to {@code out}. */
    public ProgbarLogger(PrintStream out) {
        this(out, () -> System.nanoTime() / 1e9);
    }

    /** A logger printing to {@code out}, reading the time in seconds from {@code clock} (for tests). */
    public ProgbarLogger(PrintStream out, DoubleSupplier clock) {
        this.out = out;
        this.clock = clock;
    }

    /**
     * Forces the display mode of the bars: {@code true} redraws one line (terminal), {@code false} prints plain
     * lines (logs). Without it, {@link Progbar#defaultDynamicDisplay()} decides.
     *
     * @return this callback
     */
    public ProgbarLogger dynamicDisplay(boolean dynamicDisplay) {
        this.dynamicDisplay = dynamicDisplay;
        return this;
    }

    @Override
    public void setParams(Map<String, Object> params) {
        super.setParams(params);
        Object v = params.get("verbose");
        verbose = v == null ? 1 : ((Number) v).intValue();
        Object e = params.get("epochs");
        epochs = e == null ? 1 : ((Number) e).intValue();
        Object s = params.get("steps");
        target = s == null ? null : ((Number) s).intValue();
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        calledInFit = true;
    }

    @Override
    public void onTestBegin(Map<String, Double> logs) {
        if (!calledInFit) {
            reset();
            maybeInit();
        }
    }

    @Override
    public void onPredictBegin(Map<String, Double> logs) {
        reset();
        maybeInit();
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        reset();
        maybeInit();
        if (verbose > 0 && epochs > 1) {
            out.println("Epoch " + (epoch + 1) + "/" + epochs);
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        updateProgbar(batch, logs);
    }

    @Override
    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
        if (!calledInFit) {
            updateProgbar(batch, logs);
        }
    }

    @Override
    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
        updateProgbar(batch, null);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        finalizeProgbar(logs);
    }

    @Override
    public void onTestEnd(Map<String, Double> logs) {
        if (!calledInFit) {
            finalizeProgbar(logs);
        }
    }

    @Override
    public void onPredictEnd(Map<String, Double> logs) {
        finalizeProgbar(logs);
    }

    private void reset() {
        seen = 0;
        progbar = null;
    }

    private void maybeInit() {
        if (progbar == null) {
            progbar = new Progbar(target, 20, verbose, 0.05, null, Set.of(), "step", out, clock);
            if (dynamicDisplay != null) {
                progbar.dynamicDisplay(dynamicDisplay);
            }
        }
    }

    private void updateProgbar(int batch, Map<String, Double> logs) {
        maybeInit();
        seen = batch + 1;
        if (verbose == 1) {
            progbar.update(seen, logs, false);
        }
    }

    private void finalizeProgbar(Map<String, Double> logs) {
        maybeInit();
        if (target == null) {
            target = seen;
            progbar.setTarget(target);
        }
        progbar.update(target, logs, true);
    }
}
