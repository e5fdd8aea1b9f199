package io.keras4j.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The arguments of {@code model.compile(...)} by Keras name: {@code optimizer}, {@code loss},
 * {@code metrics}, {@code lossWeights}. Each value is a Keras identifier string or the object
 * ({@code new Adam(1e-3)}, {@code new CategoricalCrossentropy()}, ...). For a multi-output model,
 * {@code loss} takes one loss per output (in {@code model.outputs} order) and the metrics apply to every output.
 */
public final class CompileOptions {
    Object optimizer = "rmsprop";
    List<Object> losses = new ArrayList<>();
    List<Object> metrics = new ArrayList<>();
    List<Object> weightedMetrics = new ArrayList<>();
    List<Double> lossWeights;
    Map<String, Object> lossByOutput;
    Map<String, Double> lossWeightsByOutput;
    Map<String, List<Object>> metricsByOutput;

    /**
     * Metrics that are weighted by the sample and class weights, as Keras's {@code weighted_metrics} (the plain
     * {@code metrics} are not); applied to every output.
     */
    public CompileOptions weightedMetrics(Object... metrics) {
        this.weightedMetrics = new ArrayList<>(Arrays.asList(metrics));
        return this;
    }

    /** The optimizer: an identifier ("adam") or an {@code Optimizer}. Default "rmsprop", as Keras. */
    public CompileOptions optimizer(Object optimizer) {
        this.optimizer = optimizer;
        return this;
    }

    /** The loss (one per output for a multi-output model): identifiers or {@code Loss} objects. */
    public CompileOptions loss(Object... losses) {
        this.losses = new ArrayList<>(Arrays.asList(losses));
        return this;
    }

    /**
     * One loss per output by output name (the name of the layer producing it), as Keras's
     * {@code loss={"out_a": "mse", "out_b": "binary_crossentropy"}}; an output left out gets no loss.
     */
    public CompileOptions loss(Map<String, Object> lossByOutput) {
        this.lossByOutput = new java.util.LinkedHashMap<>(lossByOutput);
        this.losses = new ArrayList<>();
        return this;
    }

    /** Loss weights by output name, as Keras's {@code loss_weights={"out_a": 1.0, "out_b": 0.2}} (default 1). */
    public CompileOptions lossWeights(Map<String, Double> weights) {
        this.lossWeightsByOutput = new java.util.LinkedHashMap<>(weights);
        return this;
    }

    /** The metrics: identifiers ("accuracy") or {@code Metric} objects; applied to every output. */
    public CompileOptions metrics(Object... metrics) {
        this.metrics = new ArrayList<>(Arrays.asList(metrics));
        return this;
    }

    /**
     * Metrics per output, by output (layer) name, as Keras's {@code metrics={"out_a": ["mae"], ...}}; an output
     * without an entry gets none. Logged as {@code <output>_<metric>}.
     */
    public CompileOptions metrics(Map<String, List<Object>> metricsByOutput) {
        this.metricsByOutput = new java.util.LinkedHashMap<>(metricsByOutput);
        this.metrics = new ArrayList<>();
        return this;
    }

    CompileOptions lossWeightsList(List<Double> weights) {
        this.lossWeights = weights == null ? null : new ArrayList<>(weights);
        return this;
    }

    /** The optimizer as given (identifier or object). */
    public Object getOptimizer() {
        return optimizer;
    }

    /** The losses as given (identifiers or objects). */
    public List<Object> getLosses() {
        return java.util.Collections.unmodifiableList(losses);
    }

    /** The metrics as given (identifiers or objects). */
    public List<Object> getMetrics() {
        return java.util.Collections.unmodifiableList(metrics);
    }

    /** The loss weights, or null for the default. */
    public List<Double> getLossWeights() {
        return lossWeights == null ? null : java.util.Collections.unmodifiableList(lossWeights);
    }

    /** Weights of the per-output losses in the total loss (default 1 each). */
    public CompileOptions lossWeights(double... weights) {
        this.lossWeights = new ArrayList<>();
        for (double w : weights) {
            lossWeights.add(w);
        }
        return this;
    }
}
