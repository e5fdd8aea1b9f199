package io.keras4j.callbacks;

import io.keras4j.utils.plot.Plots;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the logs of every epoch, as {@code keras.callbacks.History}; {@code fit} adds one and returns it.
 * {@code history.history().get("loss")} is Keras's {@code history.history["loss"]}.
 */
public class History extends Callback {
    private final Map<String, List<Double>> history = new LinkedHashMap<>();
    private final List<Integer> epochs = new ArrayList<>();

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        logs.forEach((k, v) -> history.computeIfAbsent(k, key -> new ArrayList<>()).add(v));
    }

    /** Metric name to its value at each epoch. */
    public Map<String, List<Double>> history() {
        return Collections.unmodifiableMap(history);
    }

    /** The epoch indices recorded (0-based), as {@code history.epoch}. */
    public List<Integer> epoch() {
        return Collections.unmodifiableList(epochs);
    }

    /**
     * Draws the training curves to a {@code .png} or {@code .svg} file, as the matplotlib figure of Keras's
     * tutorials: one plot per metric (loss first), values per epoch with markers, training and validation
     * ({@code val_} keys) with a legend, "Epoch" on the x axis.
     * <pre>{@code model.fit(x, y, new FitOptions().epochs(10).validationSplit(0.2)).plot(Path.of("history.png"));}</pre>
     *
     * @throws IllegalArgumentException if the file name does not end in .png or .svg
     * @throws IllegalStateException    if no epoch was recorded
     */
    public void plot(Path path) {
        Plots.history(history, path);
    }
}
