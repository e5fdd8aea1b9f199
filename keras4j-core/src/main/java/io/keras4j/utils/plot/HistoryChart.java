package io.keras4j.utils.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Training curves as the matplotlib figure of Keras's tutorials: one plot per metric (loss first, up to three side
 * by side), training values in matplotlib's first color (#1f77b4) and validation values ({@code val_} keys) in its
 * second (#ff7f0e), lines with circle markers at each epoch (numbered from 1), a legend, "Epoch" under the x axis
 * and the metric's name beside the y axis, limits with matplotlib's 5% margins and round ticks.
 */
final class HistoryChart {
    static final double DPI = 100;
    private static final double PANEL_W = 360;
    private static final double PANEL_H = 270;
    private static final double LEFT = 58;
    private static final double RIGHT = 14;
    private static final double TOP = 28;
    private static final double BOTTOM = 40;
    private static final Color TRAIN = new Color(0x1f, 0x77, 0xb4);
    private static final Color VAL = new Color(0xff, 0x7f, 0x0e);
    private static final Color LEGEND_EDGE = new Color(0xcc, 0xcc, 0xcc);

    /** One plot: the metric's name, its training values and its validation values (either may be null). */
    record Panel(String metric, List<Double> train, List<Double> val) {
    }

    final List<Panel> panels = new ArrayList<>();
    private final int columns;
    private final int rows;

    HistoryChart(Map<String, List<Double>> history) {
        Map<String, Panel> byMetric = new LinkedHashMap<>();
        for (String key : history.keySet()) {
            String metric = key.startsWith("val_") ? key.substring(4) : key;
            if (byMetric.containsKey(metric)) {
                continue;
            }
            byMetric.put(metric, new Panel(metric, history.get(metric), history.get("val_" + metric)));
        }
        for (Panel p : byMetric.values()) {
            if (p.metric().equals("loss")) {
                panels.add(p);
            }
        }
        for (Panel p : byMetric.values()) {
            if (!p.metric().equals("loss")) {
                panels.add(p);
            }
        }
        int epochs = 0;
        for (Panel p : panels) {
            epochs = Math.max(epochs, Math.max(size(p.train()), size(p.val())));
        }
        if (epochs == 0) {
            throw new IllegalStateException("History.plot: no epoch was recorded; call fit first");
        }
        columns = Math.min(3, panels.size());
        rows = (panels.size() + columns - 1) / columns;
    }

    private static int size(List<Double> values) {
        return values == null ? 0 : values.size();
    }

    double width() {
        return columns * PANEL_W;
    }

    double height() {
        return rows * PANEL_H;
    }

    void draw(Canvas canvas) {
        for (int i = 0; i < panels.size(); i++) {
            drawPanel(canvas, panels.get(i), (i % columns) * PANEL_W, (i / columns) * PANEL_H);
        }
    }

    private void drawPanel(Canvas canvas, Panel p, double px, double py) {
        double ax = px + LEFT;
        double ay = py + TOP;
        double aw = PANEL_W - LEFT - RIGHT;
        double ah = PANEL_H - TOP - BOTTOM;
        int epochs = Math.max(size(p.train()), size(p.val()));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (List<Double> series : new List[]{p.train(), p.val()}) {
            if (series != null) {
                for (Double d : series) {
                    if (d != null && Double.isFinite(d)) {
                        lo = Math.min(lo, d);
                        hi = Math.max(hi, d);
                    }
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        double[] y = withMargins(lo, hi);
        double[] x = epochs == 1 ? new double[]{0.5, 1.5} : withMargins(1, epochs);
        Axis xAxis = new Axis(x[0], x[1], ax, ax + aw, true);
        Axis yAxis = new Axis(y[0], y[1], ay + ah, ay, false);
        // ticks and labels
        for (double t : xAxis.ticks) {
            double sx = xAxis.map(t);
            canvas.polyline(new double[]{sx, sx}, new double[]{ay + ah, ay + ah + 3.5}, Color.BLACK, 0.8);
            canvas.text(sx, ay + ah + 5 + Text.ascent(10), Text.Run.of(xAxis.label(t)), 10, Color.BLACK, Canvas.Anchor.MIDDLE, false);
        }
        double widest = 0;
        for (double t : yAxis.ticks) {
            double sy = yAxis.map(t);
            canvas.polyline(new double[]{ax - 3.5, ax}, new double[]{sy, sy}, Color.BLACK, 0.8);
            canvas.text(ax - 5.5, sy + Text.ascent(10) / 2 - 1, Text.Run.of(yAxis.label(t)), 10, Color.BLACK, Canvas.Anchor.END, false);
            widest = Math.max(widest, Text.width(yAxis.label(t), 10, false));
        }
        canvas.text(ax + aw / 2, ay + ah + 5 + Text.ascent(10) + 6 + Text.ascent(10) + 2, Text.Run.of("Epoch"), 10, Color.BLACK,
                Canvas.Anchor.MIDDLE, false);
        canvas.text(Math.max(px + Text.ascent(10), ax - 5.5 - widest - 6), ay + ah / 2, Text.Run.of(p.metric()), 10, Color.BLACK,
                Canvas.Anchor.MIDDLE, true);
        String title = p.train() != null && p.val() != null ? "Training and validation " + p.metric()
                : p.val() != null ? "Validation " + p.metric() : "Training " + p.metric();
        canvas.text(ax + aw / 2, ay - 8, Text.Run.of(title), 12, Color.BLACK, Canvas.Anchor.MIDDLE, false);
        // curves
        List<double[]> points = new ArrayList<>();
        series(canvas, p.train(), xAxis, yAxis, TRAIN, points);
        series(canvas, p.val(), xAxis, yAxis, VAL, points);
        canvas.rect(ax, ay, aw, ah, null, Color.BLACK, 0.8, false);
        legend(canvas, p, ax, ay, aw, ah, points);
    }

    private static double[] withMargins(double lo, double hi) {
        if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
            double d = lo == 0 ? 0.05 : Math.abs(lo) * 0.05;
            return new double[]{lo - d, hi + d};
        }
        double m = (hi - lo) * 0.05;
        return new double[]{lo - m, hi + m};
    }

    private static void series(Canvas canvas, List<Double> values, Axis x, Axis y, Color color, List<double[]> points) {
        if (values == null) {
            return;
        }
        List<double[]> run = new ArrayList<>();
        for (int i = 0; i <= values.size(); i++) {
            Double d = i < values.size() ? values.get(i) : null;
            if (d != null && Double.isFinite(d)) {
                run.add(new double[]{x.map(i + 1), y.map(d)});
                continue;
            }
            if (run.size() > 1) {
                double[] xs = new double[run.size()];
                double[] ys = new double[run.size()];
                for (int k = 0; k < run.size(); k++) {
                    xs[k] = run.get(k)[0];
                    ys[k] = run.get(k)[1];
                }
                canvas.polyline(xs, ys, color, 1.5);
            }
            for (double[] pt : run) {
                canvas.circle(pt[0], pt[1], 3, color);
                points.add(pt);
            }
            run.clear();
        }
    }

    /** The legend in the corner that covers the fewest points (matplotlib's {@code loc="best"}, corners only). */
    private static void legend(Canvas canvas, Panel p, double ax, double ay, double aw, double ah, List<double[]> points) {
        List<String> labels = new ArrayList<>();
        List<Color> colors = new ArrayList<>();
        if (p.train() != null) {
            labels.add("Training");
            colors.add(TRAIN);
        }
        if (p.val() != null) {
            labels.add("Validation");
            colors.add(VAL);
        }
        double textW = 0;
        for (String l : labels) {
            textW = Math.max(textW, Text.width(l, 10, false));
        }
        double lineH = Text.height(10) + 3;
        double w = 8 + 22 + 6 + textW + 8;
        double h = 6 + lineH * labels.size() + 3;
        double[][] corners = {{ax + aw - w - 6, ay + 6}, {ax + 6, ay + 6}, {ax + 6, ay + ah - h - 6}, {ax + aw - w - 6, ay + ah - h - 6}};
        double[] best = corners[0];
        int fewest = Integer.MAX_VALUE;
        for (double[] c : corners) {
            int inside = 0;
            for (double[] pt : points) {
                if (pt[0] >= c[0] - 4 && pt[0] <= c[0] + w + 4 && pt[1] >= c[1] - 4 && pt[1] <= c[1] + h + 4) {
                    inside++;
                }
            }
            if (inside < fewest) {
                fewest = inside;
                best = c;
            }
        }
        canvas.rect(best[0], best[1], w, h, Color.WHITE, LEGEND_EDGE, 0.8, false);
        for (int i = 0; i < labels.size(); i++) {
            double cy = best[1] + 6 + lineH * i + lineH / 2;
            canvas.polyline(new double[]{best[0] + 8, best[0] + 30}, new double[]{cy, cy}, colors.get(i), 1.5);
            canvas.circle(best[0] + 19, cy, 3, colors.get(i));
            canvas.text(best[0] + 36, cy + Text.ascent(10) / 2 - 1, Text.Run.of(labels.get(i)), 10, Color.BLACK, Canvas.Anchor.START, false);
        }
    }

    /** A linear axis from data to page coordinates with round tick values (1, 2, 2.5 or 5 times a power of ten). */
    static final class Axis {
        private final double lo;
        private final double hi;
        private final double from;
        private final double to;
        final List<Double> ticks = new ArrayList<>();
        private final int decimals;

        Axis(double lo, double hi, double from, double to, boolean integers) {
            this.lo = lo;
            this.hi = hi;
            this.from = from;
            this.to = to;
            double raw = (hi - lo) / 8;
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = power * 10;
            for (double m : new double[]{1, 2, 2.5, 5, 10}) {
                if (m * power >= raw) {
                    step = m * power;
                    break;
                }
            }
            if (integers) {
                step = Math.max(1, Math.ceil(step));
            }
            int d = 0;
            while (d < 12 && Math.abs(step * Math.pow(10, d) - Math.rint(step * Math.pow(10, d))) > 1e-6 * step * Math.pow(10, d)) {
                d++;
            }
            decimals = d;
            for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
                ticks.add(Double.parseDouble(label(k * step)) + 0.0);
            }
        }

        double map(double value) {
            return from + (value - lo) / (hi - lo) * (to - from);
        }

        String label(double value) {
            return String.format(Locale.ROOT, "%." + decimals + "f", value);
        }
    }
}
