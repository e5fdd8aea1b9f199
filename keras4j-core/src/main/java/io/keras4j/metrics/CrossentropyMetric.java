package io.keras4j.metrics;

import io.keras4j.losses.Loss;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The mean over samples of a crossentropy loss's per-sample values, with the loss's {@code from_logits} and
 * {@code label_smoothing} in the config: the base of the binary and categorical crossentropy metrics.
 */
abstract class CrossentropyMetric extends MeanMetricWrapper {
    private final boolean fromLogits;
    private final double labelSmoothing;
    private final Loss loss;

    /** @param loss the loss built with {@code fromLogits} and {@code labelSmoothing} */
    CrossentropyMetric(String name, boolean fromLogits, double labelSmoothing, Loss loss) {
        super(name);
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
        this.loss = loss;
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
