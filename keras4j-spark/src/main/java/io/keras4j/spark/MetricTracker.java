package io.keras4j.spark;

import io.keras4j.engine.KerasTensor;
import io.keras4j.losses.Loss;
import io.keras4j.metrics.Mean;
import io.keras4j.metrics.Metric;
import io.keras4j.metrics.Metrics;
import io.keras4j.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The driver's running loss and compiled metrics over an epoch (or an evaluation), updated with each step's
 * {@link StepResult}, logged under the names {@code fit} uses: {@code loss}, the metrics (prefixed with the output
 * name when the model has several outputs) and {@code <output>_loss} with several losses.
 */
final class MetricTracker {
    private final Model model;
    private final List<Object> metricIds;
    private final Mean loss = new Mean("loss");
    private final Mean[] outputLosses;
    private List<List<Metric>> metrics;

    MetricTracker(Model model) {
        this.model = model;
        this.metricIds = model.compileOptions().getMetrics();
        List<Loss> losses = model.loss();
        outputLosses = new Mean[losses.size()];
        if (losses.stream().filter(java.util.Objects::nonNull).count() > 1) {
            for (int o = 0; o < losses.size(); o++) {
                outputLosses[o] = losses.get(o) == null ? null : new Mean(outputName(o) + "_loss");
            }
        }
    }

    boolean hasMetrics() {
        return !metricIds.isEmpty();
    }

    private String outputName(int o) {
        KerasTensor t = model.outputs().get(o);
        return t.node().layer().name();
    }

    /** Adds one step (or evaluation) whose loss is the mean over its rows. */
    void update(StepResult r, double lossValue) {
        loss.update(lossValue, r.rows);
        for (int o = 0; o < outputLosses.length; o++) {
            if (outputLosses[o] != null) {
                outputLosses[o].update(r.outputLosses[o], r.rows);
            }
        }
        if (!hasMetrics() || r.outputs.isEmpty()) {
            return;
        }
        int outputs = r.outputs.get(0).predictions.length;
        INDArray[][] stacked = new INDArray[outputs][];
        for (int o = 0; o < outputs; o++) {
            stacked[o] = r.stacked(o);
        }
        if (metrics == null) {
            metrics = new ArrayList<>();
            for (int o = 0; o < outputs; o++) {
                List<Metric> forOutput = new ArrayList<>();
                for (Object id : metricIds) {
                    Metric m = id instanceof Metric ? (Metric) id
                            : Metrics.forCompile((String) id, stacked[o][0].shape(), stacked[o][1].shape());
                    if (outputs > 1) {
                        m.name(outputName(o) + "_" + m.name());
                    }
                    forOutput.add(m);
                }
                metrics.add(forOutput);
            }
        }
        for (int o = 0; o < outputs; o++) {
            for (Metric m : metrics.get(o)) {
                m.updateState(stacked[o][0], stacked[o][1], null);
            }
        }
    }

    void reset() {
        loss.resetState();
        for (Mean m : outputLosses) {
            if (m != null) {
                m.resetState();
            }
        }
        if (metrics != null) {
            metrics.forEach(list -> list.forEach(Metric::resetState));
        }
    }

    /** Loss, metrics in compile order, then per-output losses (as {@code evaluate(..., return_dict=True)}). */
    Map<String, Double> results() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", loss.result());
        if (metrics != null) {
            metrics.forEach(list -> list.forEach(m -> out.put(m.name(), m.result())));
        }
        for (Mean m : outputLosses) {
            if (m != null) {
                out.put(m.name(), m.result());
            }
        }
        return out;
    }

    /** The results sorted by name, as callbacks see them in {@code fit}. */
    Map<String, Double> logs() {
        return new TreeMap<>(results());
    }
}
