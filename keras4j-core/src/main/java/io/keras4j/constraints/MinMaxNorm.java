package io.keras4j.constraints;

import io.keras4j.engine.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the norm of the weights along {@code axis} between bounds, as keras/src/constraints/constraints.py
 * {@code MinMaxNorm}: {@code desired = rate * clip(norms, min_value, max_value) + (1 - rate) * norms};
 * {@code w *= desired / (epsilon + norms)}. Defaults: min_value 0, max_value 1, rate 1, axis 0.
 */
public class MinMaxNorm extends NormConstraint {
    private final double minValue;
    private final double maxValue;
    private final double rate;

    public MinMaxNorm() {
        this(0.0, 1.0, 1.0, 0);
    }

    public MinMaxNorm(double minValue, double maxValue, double rate, int... axis) {
        super(axis);
        this.minValue = minValue;
        this.maxValue = maxValue;
        this.rate = rate;
    }

    @Override
    INDArray desired(INDArray norms) {
        INDArray clipped = Transforms.max(Transforms.min(norms, maxValue, true), minValue, false);
        return clipped.muli(rate).addi(norms.muli(1 - rate));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("min_value", minValue);
        config.put("max_value", maxValue);
        config.put("rate", rate);
        config.put("axis", axisConfig());
        return config;
    }

    public static MinMaxNorm fromConfig(Map<String, Object> map) {
        Config c = new Config("MinMaxNorm", map).allow("min_value", "max_value", "rate", "axis");
        return new MinMaxNorm(c.getDouble("min_value", 0.0), c.getDouble("max_value", 1.0), c.getDouble("rate", 1.0), Constraints.axis(c));
    }
}
