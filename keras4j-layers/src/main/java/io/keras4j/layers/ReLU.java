package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.engine.Config;

import java.util.Map;

/**
 * The rectified linear unit layer, as keras/src/layers/activations/relu.py {@code ReLU}:
 * {@code f(x) = clip(x > threshold ? x : 0, 0, max_value) - negative_slope * max(threshold - x, 0)}
 * (keras.activations.relu). Defaults: max_value None, negative_slope 0, threshold 0. Output shape = input shape.
 * <pre>{@code new ReLU().maxValue(6.0)}</pre>
 */
public class ReLU extends BaseActivationLayer {
    private Double maxValue;
    private double negativeSlope;
    private double threshold;
    private ActivationFunction function = Activations.relu(0.0, null, 0.0);

    /** Keras's {@code ReLU(max_value=None, negative_slope=0.0, threshold=0.0)}. */
    public ReLU() {
    }

    /** Keras's positional {@code ReLU(max_value, negative_slope, threshold)}; max_value may be null. */
    public ReLU(Double maxValue, double negativeSlope, double threshold) {
        maxValue(maxValue).negativeSlope(negativeSlope).threshold(threshold);
    }

    /** The saturation value (>= 0), or null for none. */
    public ReLU maxValue(Double maxValue) {
        if (maxValue != null && maxValue < 0) {
            throw new IllegalArgumentException("ReLU: max_value of a ReLU layer cannot be a negative value. Received: max_value=" + maxValue);
        }
        this.maxValue = maxValue;
        this.function = Activations.relu(negativeSlope, maxValue, threshold);
        return this;
    }

    /** The slope below the threshold (>= 0). */
    public ReLU negativeSlope(double negativeSlope) {
        if (negativeSlope < 0) {
            throw new IllegalArgumentException("ReLU: negative_slope of a ReLU layer cannot be a negative value. Received: negative_slope="
                    + negativeSlope);
        }
        this.negativeSlope = negativeSlope;
        this.function = Activations.relu(negativeSlope, maxValue, threshold);
        return this;
    }

    /** The threshold below which values are damped (>= 0). */
    public ReLU threshold(double threshold) {
        if (threshold < 0) {
            throw new IllegalArgumentException("ReLU: threshold of a ReLU layer cannot be a negative value. Received: threshold=" + threshold);
        }
        this.threshold = threshold;
        this.function = Activations.relu(negativeSlope, maxValue, threshold);
        return this;
    }

    @Override
    ActivationFunction function() {
        return function;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("max_value", maxValue);
        config.put("negative_slope", negativeSlope);
        config.put("threshold", threshold);
        return config;
    }

    /** A ReLU layer from its Keras config. */
    public static ReLU fromConfig(Map<String, Object> map) {
        Config c = new Config("ReLU", map).allow("max_value", "negative_slope", "threshold");
        Double max = c.has("max_value") ? c.getDouble("max_value", 0) : null;
        return c.applyBase(new ReLU(max, c.getDouble("negative_slope", 0.0), c.getDouble("threshold", 0.0)));
    }
}
