package io.keras4j.utils.plot;

import io.keras4j.models.Model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The pictures behind {@link io.keras4j.utils.Utils#plotModel} and {@link io.keras4j.callbacks.History#plot}, drawn
 * in Java (Java2D for PNG, a small SVG writer; no Graphviz, no display needed). The file's extension picks the
 * format: {@code .png} or {@code .svg}. Files are written through a temporary file beside the target.
 */
public final class Plots {
    private Plots() {
    }

    /**
     * Draws {@code model} to {@code path}, as {@code keras.utils.plot_model(model, to_file=path, ...)}.
     *
     * @throws IllegalArgumentException if the path does not end in .png or .svg
     * @throws IllegalStateException    if a sequential model does not know its input shape yet
     */
    public static void model(Model model, Path path, PlotOptions options) {
        ModelDiagram diagram = ModelDiagram.of(model, options);
        Canvas canvas = Canvas.forPath(path, diagram.imageWidth(), diagram.imageHeight(), options.dpi(), "plotModel");
        diagram.draw(canvas);
        canvas.write(path);
    }

    /**
     * Draws training curves to {@code path}: one plot per metric (loss first), its values per epoch with markers,
     * and the {@code val_} values beside them, as the matplotlib figure of Keras's tutorials.
     *
     * @param history metric name to its value per epoch ({@code history.history()})
     * @throws IllegalArgumentException if the path does not end in .png or .svg
     * @throws IllegalStateException    if no epoch was recorded
     */
    public static void history(Map<String, List<Double>> history, Path path) {
        HistoryChart chart = new HistoryChart(history);
        Canvas canvas = Canvas.forPath(path, chart.width(), chart.height(), HistoryChart.DPI, "History.plot");
        chart.draw(canvas);
        canvas.write(path);
    }
}
