package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The mean crossentropy between integer labels and predicted class probabilities, as
 * keras/src/metrics/probabilistic_metrics.py {@code SparseCategoricalCrossentropy}: per sample the value of
 * {@link io.keras4j.losses.SparseCategoricalCrossentropy} (with {@code from_logits}), averaged over samples.
 */
public class SparseCategoricalCrossentropy extends MeanMetricWrapper {
    private final boolean fromLogits;
    private final io.keras4j.losses.SparseCategoricalCrossentropy loss;

    public SparseCategoricalCrossentropy() {
        this(false);
    }

    public SparseCategoricalCrossentropy(boolean fromLogits) {
        super("sparse_categorical_crossentropy");
        this.fromLogits = fromLogits;
        this.loss = new io.keras4j.losses.SparseCategoricalCrossentropy().fromLogits(fromLogits);
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        return loss.call(yTrue, yPred);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("from_logits", fromLogits);
        config.put("axis", -1);
        return config;
    }
}
