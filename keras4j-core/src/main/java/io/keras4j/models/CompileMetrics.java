package io.keras4j.models;

import io.keras4j.metrics.Metric;
import io.keras4j.metrics.Metrics;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The metrics given to {@code compile}, as one metric, as keras/src/trainers/compile_utils.py {@code CompileMetrics}:
 * built from their identifiers on the first update (the targets' and predictions' shapes decide what "accuracy"
 * means), updated per output, reported by name ({@link #results()}).
 */
final class CompileMetrics extends Metric {
    private final List<List<Object>> ids;
    private final Supplier<List<String>> outputNames;
    private List<List<Metric>> metrics;

    CompileMetrics(List<List<Object>> ids, Supplier<List<String>> outputNames) {
        super("compile_metrics");
        this.ids = ids;
        this.outputNames = outputNames;
    }

    /** Whether no metric was given. */
    boolean isEmpty() {
        return ids.stream().allMatch(List::isEmpty);
    }

    /** Updates the metrics of a single-output model. */
    @Override
    public void updateState(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        update(new INDArray[]{yTrue}, new INDArray[]{yPred}, sampleWeight);
    }

    /** Updates each output's metrics with its targets and predictions. */
    void update(INDArray[] y, INDArray[] pred, INDArray sampleWeight) {
        build(y, pred);
        for (int o = 0; o < pred.length; o++) {
            for (Metric m : metrics.get(o)) {
                m.updateState(y[o], pred[o], sampleWeight);
            }
        }
    }

    private void build(INDArray[] y, INDArray[] pred) {
        if (metrics != null) {
            return;
        }
        List<List<Metric>> built = new ArrayList<>();
        for (int o = 0; o < pred.length; o++) {
            List<Metric> forOutput = new ArrayList<>();
            for (Object id : o < ids.size() ? ids.get(o) : List.<Object>of()) {
                Metric m = Metrics.forCompile(id, y[o].shape(), pred[o].shape());
                if (pred.length > 1) {
                    m.name(outputNames.get().get(o) + "_" + m.name());
                }
                forOutput.add(m);
            }
            built.add(forOutput);
        }
        metrics = built;
    }

    /** Each metric's value by name, in compile order; empty before the first update. */
    @Override
    public Map<String, Double> results() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (metrics != null) {
            metrics.forEach(list -> list.forEach(m -> out.put(m.name(), m.result())));
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
        }
    }
}
