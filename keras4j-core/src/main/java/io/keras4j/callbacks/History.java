package io.keras4j.callbacks;

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
}
