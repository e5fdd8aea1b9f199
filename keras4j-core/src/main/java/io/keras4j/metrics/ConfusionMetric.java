package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared mechanics of the thresholded confusion metrics (keras/src/metrics/confusion_metrics.py
 * {@code _ConfusionMatrixConditionCount}, {@code Precision}, {@code Recall}): thresholds (default 0.5, or
 * NEG_INF with {@code top_k}), {@code top_k}, {@code class_id}, and the accumulated counts.
 */
abstract class ConfusionMetric extends Metric {
    private double[] thresholds;
    private Integer topK;
    private Integer classId;
    private ConfusionMatrix counts;

    ConfusionMetric(String name, double[] thresholds) {
        super(name);
        if (thresholds != null) {
            for (double t : thresholds) {
                if (!(t >= 0 && t <= 1)) {
                    throw new IllegalArgumentException("Metric \"" + name + "\": threshold values must be in [0, 1], got "
                            + java.util.Arrays.toString(thresholds));
                }
            }
            this.thresholds = thresholds.clone();
        }
    }

    void setTopK(int topK) {
        if (topK < 1) {
            throw new IllegalArgumentException("Metric \"" + name() + "\": argument `top_k` must be >= 1, got " + topK);
        }
        this.topK = topK;
        counts = null;
    }

    void setClassId(int classId) {
        this.classId = classId;
    }

    /** The thresholds in use: the given ones, else 0.5, or NEG_INF when {@code top_k} is set. */
    public double[] thresholds() {
        if (thresholds != null) {
            return thresholds.clone();
        }
        return new double[]{topK == null ? 0.5 : ConfusionMatrix.NEG_INF};
    }

    ConfusionMatrix counts() {
        if (counts == null) {
            counts = new ConfusionMatrix(thresholds().length);
        }
        return counts;
    }

    @Override
    public void updateState(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        counts().update(ConfusionMatrix.Batch.of(yTrue, yPred, sampleWeight, topK, classId, name()), thresholds());
    }

    /** The value at each threshold. */
    abstract double[] values();

    @Override
    public double[] resultValues() {
        return values();
    }

    /** The value; with several thresholds, use {@link #resultValues()}. */
    @Override
    public double result() {
        double[] v = values();
        if (v.length != 1) {
            throw new IllegalStateException("Metric \"" + name() + "\" has " + v.length
                    + " thresholds; its result is a vector: call resultValues()");
        }
        return v[0];
    }

    @Override
    public void resetState() {
        counts().reset();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("thresholds", thresholds == null ? null : thresholds.length == 1 ? thresholds[0] : thresholds.clone());
        return config;
    }

    Map<String, Object> topKConfig(Map<String, Object> config) {
        config.put("top_k", topK);
        config.put("class_id", classId);
        return config;
    }
}
