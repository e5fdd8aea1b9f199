package io.keras4j.utils;

import java.io.Console;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * A progress bar printed exactly as keras/src/utils/progbar.py {@code Progbar} prints it on a POSIX terminal:
 * <pre>
 *  12/469 ━━━━━━━━━━━━━━━━━━━━ 3s 7ms/step - accuracy: 0.7512 - loss: 0.8154
 * </pre>
 * with the step counter in bold, the done part of the bar in green, the ETA while running and the elapsed
 * time at the end. {@code verbose = 2} prints one plain line when finished.
 *
 * <p>On a terminal ({@link #dynamicDisplay(boolean) dynamic display}) each update redraws the line with
 * backspaces and a carriage return. Otherwise (output piped to a file or a log collector) each update is a new
 * line, as Keras prints when its {@code _dynamic_display} is false, and without Keras's ANSI colour codes: the
 * output is plain text. The default is {@link #defaultDynamicDisplay()}.
 *
 * <p>Metric values are averaged over the steps seen (weighted by steps) unless they are stateful, in which
 * case they are shown as given. Keras's {@code ProgbarLogger} declares every metric stateful.
 */
public final class Progbar {
    private static final String BOLD = "\u001b[1m";
    private static final String GREEN = "\u001b[32m";
    private static final String GREY = "\u001b[37m";
    private static final String RESET = "\u001b[0m";
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");

    /** The system property that forces the display mode: {@code true} (terminal) or {@code false} (plain lines). */
    public static final String DYNAMIC_DISPLAY_PROPERTY = "keras4j.progbar.dynamicDisplay";

    private Integer target;
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
    private boolean dynamicDisplay = defaultDynamicDisplay();

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

    /** The number of steps, or null if unknown. */
    public Integer target() {
        return target;
    }

    /** Sets the number of steps once it is known, as Keras's {@code ProgbarLogger} sets {@code progbar.target}. */
    public void setTarget(Integer target) {
        this.target = target;
    }

    /**
     * Chooses how verbose=1 updates are drawn: {@code true} redraws one line with backspaces, {@code \r} and
     * ANSI colours (for a terminal), {@code false} prints each update on a new line as plain text (for logs).
     *
     * @return this bar
     */
    public Progbar dynamicDisplay(boolean dynamicDisplay) {
        this.dynamicDisplay = dynamicDisplay;
        return this;
    }

    /**
     * Whether new bars draw dynamically: the system property {@value #DYNAMIC_DISPLAY_PROPERTY} when set,
     * otherwise whether this JVM runs in a terminal ({@code System.console()}, and on Java 22 and later its
     * {@code isTerminal()}).
     */
    public static boolean defaultDynamicDisplay() {
        String forced = System.getProperty(DYNAMIC_DISPLAY_PROPERTY);
        if (forced != null && !forced.isBlank()) {
            return Boolean.parseBoolean(forced.trim());
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22+ returns a Console even when redirected; its isTerminal() tells the truth
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
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
            if (dynamicDisplay) {
                message.append("\b".repeat(prevTotalWidth)).append('\r');
            } else {
                message.append('\n');
            }
            String bar;
            if (target != null && target > 0) {
                int numDigits = (int) Math.log10(target) + 1;
                bar = style(BOLD, String.format(Locale.ROOT, "%" + numDigits + "d/%d", current, target)) + " ";
                double prog = (double) current / target;
                int progWidth = (int) (width * prog);
                if (progWidth > 0) {
                    bar += style(GREEN, "\u2501".repeat(progWidth));
                }
                bar += style(GREY, "\u2501".repeat(Math.max(0, width - progWidth)));
            } else {
                bar = String.format(Locale.ROOT, "%7d/Unknown", current);
            }
            message.append(bar);
            StringBuilder info = new StringBuilder(" ");
            if (target != null && target > 0 && !finalize) {
                info.append(style(BOLD, formatEta(timePerUnit * (target - current))));
            } else {
                info.append(style(BOLD, fixed(now - start, 0) + "s"));
            }
            info.append(formatTime(timePerUnit, unitName));
            appendMetrics(info, true);
            message.append(info);
            int totalWidth = visibleLength(bar) + visibleLength(info);
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
                info.append(" - ").append(fixed(now - start, 0)).append('s');
                info.append(" -").append(formatTime(timePerUnit, unitName));
                appendMetrics(info, false);
                info.append('\n');
                out.print(info);
                out.flush();
            }
        }
        lastUpdate = now;
    }

    /** {@code text} in an ANSI style on a terminal, as is otherwise. */
    private String style(String code, String text) {
        return dynamicDisplay ? code + text + RESET : text;
    }

    /** The width on screen: Keras's {@code special_char_len} subtracts each style's code and reset. */
    private static int visibleLength(CharSequence s) {
        return ANSI.matcher(s).replaceAll("").length();
    }

    private void appendMetrics(StringBuilder info, boolean absolute) {
        for (String k : valuesOrder) {
            double[] acc = values.get(k);
            double avg = acc[0] / Math.max(1, acc[1]);
            info.append(" - ").append(k).append(':');
            boolean plain = absolute ? Math.abs(avg) > 1e-3 : avg > 1e-3;
            info.append(' ').append(plain ? fixed(avg, 4) : scientific(avg, 4));
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
            return " " + fixed(timePerUnit, 0) + "s/" + unitName;
        } else if (timePerUnit >= 1e-3) {
            return " " + fixed(timePerUnit * 1000.0, 0) + "ms/" + unitName;
        }
        return " " + fixed(timePerUnit * 1000000.0, 0) + "us/" + unitName;
    }

    /**
     * Python's {@code f"{x:.{digits}f}"}: the exact binary value rounded half to even (Java's {@code %.0f} rounds
     * 0.5 up to 1 where Python prints 0).
     */
    static String fixed(double x, int digits) {
        if (!Double.isFinite(x)) {
            return nonFinite(x);
        }
        String s = new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        return x < 0 || (x == 0 && 1 / x < 0) ? (s.startsWith("-") ? s : "-" + s) : s;
    }

    /** Python's {@code f"{x:.{digits}e}"}, e.g. {@code 1.2000e-04}, rounded as {@link #fixed}. */
    static String scientific(double x, int digits) {
        if (!Double.isFinite(x)) {
            return nonFinite(x);
        }
        if (x == 0) {
            return (1 / x < 0 ? "-" : "") + fixed(0, digits) + "e+00";
        }
        BigDecimal rounded = new BigDecimal(x).round(new MathContext(digits + 1, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        String mantissa = rounded.movePointLeft(exponent).setScale(digits, RoundingMode.UNNECESSARY).toPlainString();
        return mantissa + (exponent < 0 ? "e-" : "e+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }

    private static String nonFinite(double x) {
        return Double.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
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
