package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The mean binary crossentropy between targets and predictions, as keras/src/metrics/probabilistic_metrics.py
 * {@code BinaryCrossentropy}: per sample the value of {@link io.keras4j.losses.BinaryCrossentropy}
 * (mean over the last axis, with {@code from_logits} and {@code label_smoothing}), averaged over samples.
 */
public class BinaryCrossentropy extends MeanMetricWrapper {
    private final boolean fromLogits;
    private final double labelSmoothing;
    private final io.keras4j.losses.BinaryCrossentropy loss;

    public BinaryCrossentropy() {
        this(false, 0.0);
    }

    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing) {
        super("binary_crossentropy");
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
        this.loss = new io.keras4j.losses.BinaryCrossentropy().fromLogits(fromLogits).labelSmoothing(labelSmoothing);
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
