package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stateful metric, as keras/src/metrics/metric.py {@code Metric}: {@link #updateState} accumulates
 * over batches, {@link #result} reads the value, {@link #resetState} starts over (each epoch).
 */
public abstract class Metric {
    private String name;

    protected Metric(String name) {
        this.name = name;
    }

    /** The name under which the value is logged ("accuracy"). */
    public String name() {
        return name;
    }

    /** Renames the metric, as Keras's {@code name=}. */
    @SuppressWarnings("unchecked")
    public <M extends Metric> M name(String name) {
        this.name = name;
        return (M) this;
    }

    /** Accumulates one batch; {@code sampleWeight} may be null. */
    public abstract void updateState(INDArray yTrue, INDArray yPred, INDArray sampleWeight);

    /** Accumulates one batch without sample weights, as {@code metric.update_state(y_true, y_pred)}. */
    public void updateState(INDArray yTrue, INDArray yPred) {
        updateState(yTrue, yPred, null);
    }

    /** The current value. */
    public abstract double result();

    /**
     * The current value as an array: one entry for scalar metrics, one per threshold or per class for
     * metrics whose Keras result is a vector (several thresholds, {@code F1Score(average=None)}).
     */
    public double[] resultValues() {
        return new double[]{result()};
    }

    /** Clears the accumulated state. */
    public abstract void resetState();

    /** The values this metric reports, by name: {@code {name(): result()}} for a single-valued metric. */
    public Map<String, Double> results() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(name(), result());
        return out;
    }

    /** The Keras config ({@code name}, {@code dtype}, ...). */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("dtype", "float32");
        return config;
    }
}
