package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The mean categorical crossentropy between targets and predictions, as keras/src/metrics/probabilistic_metrics.py
 * {@code CategoricalCrossentropy}: per sample the value of {@link io.keras4j.losses.CategoricalCrossentropy}
 * (over the class axis, with {@code from_logits} and {@code label_smoothing}), averaged over samples.
 */
public class CategoricalCrossentropy extends MeanMetricWrapper {
    private final boolean fromLogits;
    private final double labelSmoothing;
    private final io.keras4j.losses.CategoricalCrossentropy loss;

    public CategoricalCrossentropy() {
        this(false, 0.0);
    }

    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
        super("categorical_crossentropy");
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
        this.loss = new io.keras4j.losses.CategoricalCrossentropy().fromLogits(fromLogits).labelSmoothing(labelSmoothing);
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        return loss.call(yTrue, yPred);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
        return config;
    }
}
