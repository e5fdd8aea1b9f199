package io.keras4j.models;

import io.keras4j.metrics.Metric;
import io.keras4j.metrics.Metrics;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The metrics given to {@code compile}, as one metric, as keras/src/trainers/compile_utils.py {@code CompileMetrics}:
 * built from their identifiers on the first update (the targets' and predictions' shapes decide what "accuracy"
 * means), updated per output, reported by name ({@link #results()}). Sample weights reach only the
 * {@code weighted_metrics}; the plain {@code metrics} ignore them, as Keras's.
 */
final class CompileMetrics extends Metric {
    private final List<List<Object>> ids;
    private final List<List<Object>> weightedIds;
    private final Supplier<List<String>> outputNames;
    private List<List<Metric>> metrics;
    private List<List<Metric>> weighted;

    /**
     * @param ids         the plain metrics of each output
     * @param weightedIds the weighted metrics of each output
     */
    CompileMetrics(List<List<Object>> ids, List<List<Object>> weightedIds, Supplier<List<String>> outputNames) {
        super("compile_metrics");
        this.ids = ids;
        this.weightedIds = weightedIds;
        this.outputNames = outputNames;
    }

    /** Whether no metric was given. */
    boolean isEmpty() {
        return ids.stream().allMatch(List::isEmpty) && weightedIds.stream().allMatch(List::isEmpty);
    }

    /** Updates the metrics of a single-output model. */
    @Override
    public void updateState(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        update(new INDArray[]{yTrue}, new INDArray[]{yPred}, sampleWeight);
    }

    /** Updates each output's metrics with its targets and predictions (the weighted ones with the sample weights). */
    void update(INDArray[] y, INDArray[] pred, INDArray sampleWeight) {
        if (metrics == null) {
            metrics = build(ids, y, pred);
            weighted = build(weightedIds, y, pred);
        }
        for (int o = 0; o < pred.length; o++) {
            for (Metric m : metrics.get(o)) {
                m.updateState(y[o], pred[o], null);
            }
            for (Metric m : weighted.get(o)) {
                m.updateState(y[o], pred[o], sampleWeight);
            }
        }
    }

    private static List<List<Metric>> build(List<List<Object>> ids, INDArray[] y, INDArray[] pred) {
        List<List<Metric>> built = new ArrayList<>();
        for (int o = 0; o < pred.length; o++) {
            List<Metric> forOutput = new ArrayList<>();
            for (Object id : o < ids.size() ? ids.get(o) : List.<Object>of()) {
                forOutput.add(Metrics.forCompile(id, y[o].shape(), pred[o].shape()));
            }
            built.add(forOutput);
        }
        return built;
    }

    /**
     * Each metric's value by name, in compile order, as Keras names them: prefixed by the output name in a model with
     * several outputs; a repeated name gets "_1", "_2"; a weighted metric whose name is taken becomes "weighted_<name>".
     * Empty before the first update.
     */
    @Override
    public Map<String, Double> results() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (metrics == null) {
            return out;
        }
        Map<String, Integer> counters = new HashMap<>();
        for (int pass = 0; pass < 2; pass++) {
            List<List<Metric>> lists = pass == 0 ? metrics : weighted;
            for (int o = 0; o < lists.size(); o++) {
                String prefix = lists.size() > 1 ? outputNames.get().get(o) + "_" : "";
                for (Metric m : lists.get(o)) {
                    String name = prefix + m.name();
                    if (counters.containsKey(name) && pass == 1) {
                        name = prefix + "weighted_" + m.name();
                    }
                    Integer seen = counters.get(name);
                    counters.put(name, seen == null ? 1 : seen + 1);
                    out.put(seen == null ? name : name + "_" + seen, m.result());
                }
            }
        }
        return out;
    }

    /** The first metric's value (NaN before the first update); {@link #results()} has them all. */
    @Override
    public double result() {
        return results().values().stream().findFirst().orElse(Double.NaN);
    }

    @Override
    public void resetState() {
        if (metrics != null) {
            metrics.forEach(list -> list.forEach(Metric::resetState));
            weighted.forEach(list -> list.forEach(Metric::resetState));
        }
    }
}
