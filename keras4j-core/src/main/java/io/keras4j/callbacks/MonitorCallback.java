package io.keras4j.callbacks;

import io.keras4j.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The monitored-quantity mechanics of EarlyStopping and ReduceLROnPlateau, as
 * keras/src/callbacks/monitor_callback.py {@code MonitorCallback}: {@code mode} "min", "max" or "auto"
 * (loss is minimized; a metric is maximized when its Keras direction is "up", e.g. accuracy, AUC,
 * precision), and {@code min_delta}, the smallest change that counts as an improvement.
 */
abstract class MonitorCallback extends Callback {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorCallback.class);

    String monitor;
    String mode;
    double minDelta;
    private Boolean greater;

    MonitorCallback(String monitor, String mode, double minDelta) {
        this.monitor = monitor;
        this.minDelta = minDelta;
        setMode(mode);
    }

    final void setMode(String mode) {
        if (!mode.equals("auto") && !mode.equals("min") && !mode.equals("max")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": invalid `mode` '" + mode
                    + "'; expected 'auto', 'min' or 'max'");
        }
        this.mode = mode;
        this.greater = null;
    }

    /** Whether larger values are better; resolved on first use, as Keras's {@code _set_monitor_op}. */
    boolean greaterIsBetter() {
        if (greater == null) {
            if (mode.equals("min")) {
                greater = false;
            } else if (mode.equals("max")) {
                greater = true;
            } else {
                String name = monitor.startsWith("val_") ? monitor.substring(4) : monitor;
                String direction = name.equals("loss") ? "down" : Metrics.direction(name);
                if (direction == null) {
                    throw new IllegalArgumentException(getClass().getSimpleName() + " callback received monitor=" + monitor
                            + ", but keras4j isn't able to automatically determine whether that metric should be maximized "
                            + "or minimized. Pass mode(\"max\") in order to monitor based on the highest metric value, "
                            + "or mode(\"min\") in order to use the lowest value.");
                }
                greater = direction.equals("up");
            }
        }
        return greater;
    }

    /** {@code monitor_op(value - min_delta, reference)}, with min_delta negated for "min"; true when there is no reference. */
    boolean isImprovement(double value, Double reference) {
        if (reference == null) {
            return true;
        }
        return greaterIsBetter() ? value - minDelta > reference : value + minDelta < reference;
    }

    /** The monitored value from the logs, or null (with a warning logged) when it is missing. */
    Double monitorValue(Map<String, Double> logs, String what) {
        Double v = logs == null ? null : logs.get(monitor);
        if (v == null) {
            LOG.warn("{} conditioned on metric `{}` which is not available. Available metrics are: {}", what, monitor,
                    logs == null ? "" : String.join(",", logs.keySet()));
        }
        return v;
    }
}
