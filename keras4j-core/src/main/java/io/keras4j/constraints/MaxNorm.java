package io.keras4j.constraints;

import io.keras4j.engine.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Caps the norm of the weights along {@code axis}, as keras/src/constraints/constraints.py {@code MaxNorm}:
 * {@code w *= clip(norms, 0, max_value) / (epsilon + norms)}, norms over {@code axis} (0: each column of a
 * Dense kernel, the weights into one unit). Defaults: max_value 2, axis 0.
 */
public class MaxNorm extends NormConstraint {
    private final double maxValue;

    public MaxNorm() {
        this(2.0, 0);
    }

    public MaxNorm(double maxValue, int... axis) {
        super(axis);
        this.maxValue = maxValue;
    }

    @Override
    INDArray desired(INDArray norms) {
        Transforms.min(norms, maxValue, false);
        return Transforms.max(norms, 0.0, false);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("max_value", maxValue);
        config.put("axis", axisConfig());
        return config;
    }

    public static MaxNorm fromConfig(Map<String, Object> map) {
        Config c = new Config("MaxNorm", map).allow("max_value", "axis");
        return new MaxNorm(c.getDouble("max_value", 2.0), Constraints.axis(c));
    }
}
