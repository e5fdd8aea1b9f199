package io.keras4j.utils;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * A progress bar printed exactly as keras/src/utils/progbar.py {@code Progbar} prints it on a POSIX terminal:
 * <pre>
 *  12/469 ━━━━━━━━━━━━━━━━━━━━ 3s 7ms/step - accuracy: 0.7512 - loss: 0.8154
 * </pre>
 * with the step counter in bold, the done part of the bar in green, the ETA while running and the elapsed
 * time at the end. {@code verbose = 2} prints one plain line when finished.
 *
 * <p>Metric values are averaged over the steps seen (weighted by steps) unless they are stateful, in which
 * case they are shown as given. Keras's {@code ProgbarLogger} declares every metric stateful.
 */
public final class Progbar {
    private final Integer target;
    private final int width;
    private final int verbose;
    private final double interval;
    private final Set<String> statefulMetrics;
    private final Set<String> statelessMetrics;
    private final String unitName;
    private final PrintStream out;
    private final DoubleSupplier clock;

    private final Map<String, double[]> values = new HashMap<>();
    private final List<String> valuesOrder = new ArrayList<>();
    private int seenSoFar;
    private final double start;
    private double lastUpdate;
    private Double timeAfterFirstStep;
    private int prevTotalWidth;

    /** A bar for {@code target} steps (null if unknown) that averages every metric, printing to stdout. */
    public Progbar(Integer target) {
        this(target, 20, 1, 0.05, Set.of(), null, "step", System.out, () -> System.nanoTime() / 1e9);
    }

    /**
     * The full form, as Keras's constructor.
     *
     * @param statefulMetrics  metrics shown as given (null when {@code statelessMetrics} is used)
     * @param statelessMetrics metrics averaged over steps; when not null, all others are stateful
     * @param clock            seconds, for tests
     */
    public Progbar(Integer target, int width, int verbose, double interval, Set<String> statefulMetrics,
                   Set<String> statelessMetrics, String unitName, PrintStream out, DoubleSupplier clock) {
        if (statefulMetrics != null && statelessMetrics != null) {
            throw new IllegalArgumentException("Progbar: only one of `stateful_metrics` or `stateless_metrics` can be provided");
        }
        this.target = target;
        this.width = width;
        this.verbose = verbose;
        this.interval = interval;
        this.statefulMetrics = statefulMetrics;
        this.statelessMetrics = statelessMetrics;
        this.unitName = unitName;
        this.out = out;
        this.clock = clock;
        this.start = clock.getAsDouble();
    }

    public Integer target() {
        return target;
    }

    /** Updates the bar to step {@code current}; finalizes when {@code current >= target}. */
    public void update(int current, Map<String, Double> metricValues) {
        update(current, metricValues, target != null && current >= target);
    }

    /**
     * Updates the bar to step {@code current} with the latest metric values.
     *
     * @param finalize whether this is the last update (prints the elapsed time and a newline)
     */
    public void update(int current, Map<String, Double> metricValues, boolean finalize) {
        if (metricValues != null) {
            for (Map.Entry<String, Double> e : metricValues.entrySet()) {
                String k = e.getKey();
                double v = e.getValue();
                if (!valuesOrder.contains(k)) {
                    valuesOrder.add(k);
                }
                boolean stateless = statefulMetrics != null ? !statefulMetrics.contains(k) : statelessMetrics.contains(k);
                if (stateless) {
                    if (finalize) {
                        values.put(k, new double[]{v, 1});
                    } else {
                        int base = Math.max(current - seenSoFar, 1);
                        double[] acc = values.get(k);
                        if (acc == null) {
                            values.put(k, new double[]{v * base, base});
                        } else {
                            acc[0] += v * base;
                            acc[1] += base;
                        }
                    }
                } else {
                    values.put(k, new double[]{v, 1});
                }
            }
        }
        seenSoFar = current;
        double now = clock.getAsDouble();
        double timePerUnit = estimateStepDuration(current, now);

        if (verbose == 1) {
            if (now - lastUpdate < interval && !finalize) {
                return;
            }
            StringBuilder message = new StringBuilder();
            message.append("\b".repeat(prevTotalWidth)).append('\r');
            int specialCharLen = 0;
            String bar;
            if (target != null && target > 0) {
                int numDigits = (int) Math.log10(target) + 1;
                bar = "\u001b[1m" + String.format(Locale.ROOT, "%" + numDigits + "d/%d", current, target) + "\u001b[0m ";
                specialCharLen += 8;
                double prog = (double) current / target;
                int progWidth = (int) (width * prog);
                if (progWidth > 0) {
                    bar += "\u001b[32m" + "\u2501".repeat(progWidth) + "\u001b[0m";
                    specialCharLen += 9;
                }
                bar += "\u001b[37m" + "\u2501".repeat(Math.max(0, width - progWidth)) + "\u001b[0m";
                specialCharLen += 9;
            } else {
                bar = String.format(Locale.ROOT, "%7d/Unknown", current);
            }
            message.append(bar);
            StringBuilder info = new StringBuilder();
            if (target != null && target > 0 && !finalize) {
                info.append(" \u001b[1m").append(formatEta(timePerUnit * (target - current))).append("\u001b[0m");
            } else {
                info.append(" \u001b[1m").append(String.format(Locale.ROOT, "%.0f", now - start)).append("s\u001b[0m");
            }
            specialCharLen += 8;
            info.append(formatTime(timePerUnit, unitName));
            appendMetrics(info, true);
            message.append(info);
            int totalWidth = bar.length() + info.length() - specialCharLen;
            if (prevTotalWidth > totalWidth) {
                message.append(" ".repeat(prevTotalWidth - totalWidth));
            }
            if (finalize) {
                message.append('\n');
            }
            out.print(message);
            out.flush();
            prevTotalWidth = totalWidth;
        } else if (verbose == 2) {
            if (finalize && target != null && target > 0) {
                int numDigits = (int) Math.log10(target) + 1;
                StringBuilder info = new StringBuilder();
                info.append(String.format(Locale.ROOT, "%" + numDigits + "d/%d", current, target));
                info.append(" - ").append(String.format(Locale.ROOT, "%.0f", now - start)).append('s');
                info.append(" -").append(formatTime(timePerUnit, unitName));
                appendMetrics(info, false);
                info.append('\n');
                out.print(info);
                out.flush();
            }
        }
        lastUpdate = now;
    }

    private void appendMetrics(StringBuilder info, boolean absolute) {
        for (String k : valuesOrder) {
            double[] acc = values.get(k);
            double avg = acc[0] / Math.max(1, acc[1]);
            info.append(" - ").append(k).append(':');
            boolean plain = absolute ? Math.abs(avg) > 1e-3 : avg > 1e-3;
            info.append(plain ? String.format(Locale.ROOT, " %.4f", avg) : String.format(Locale.ROOT, " %.4e", avg));
        }
    }

    /** Adds {@code n} steps. */
    public void add(int n, Map<String, Double> metricValues) {
        update(seenSoFar + n, metricValues);
    }

    static String formatEta(double eta) {
        if (eta > 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", (long) (eta / 3600), (long) ((eta % 3600) / 60), (long) (eta % 60));
        } else if (eta > 60) {
            return String.format(Locale.ROOT, "%d:%02d", (long) (eta / 60), (long) (eta % 60));
        }
        return String.format(Locale.ROOT, "%ds", (long) eta);
    }

    static String formatTime(double timePerUnit, String unitName) {
        if (timePerUnit >= 1 || timePerUnit == 0) {
            return String.format(Locale.ROOT, " %.0fs/%s", timePerUnit, unitName);
        } else if (timePerUnit >= 1e-3) {
            return String.format(Locale.ROOT, " %.0fms/%s", timePerUnit * 1000.0, unitName);
        }
        return String.format(Locale.ROOT, " %.0fus/%s", timePerUnit * 1000000.0, unitName);
    }

    private double estimateStepDuration(int current, double now) {
        if (current == 0) {
            return 0;
        }
        double timePerUnit;
        if (timeAfterFirstStep != null && current > 1) {
            timePerUnit = (now - timeAfterFirstStep) / (current - 1);
        } else {
            timePerUnit = (now - start) / current;
        }
        if (current == 1) {
            timeAfterFirstStep = now;
        }
        return timePerUnit;
    }
}
