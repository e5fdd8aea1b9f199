package io.keras4j.constraints;

import io.keras4j.engine.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scales the weights to unit norm along {@code axis}, as keras/src/constraints/constraints.py {@code UnitNorm}:
 * {@code w /= epsilon + norms}. Default axis 0.
 */
public class UnitNorm extends NormConstraint {
    public UnitNorm() {
        this(0);
    }

    public UnitNorm(int... axis) {
        super(axis);
    }

    @Override
    INDArray desired(INDArray norms) {
        return norms.assign(1.0);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("axis", axisConfig());
        return config;
    }

    public static UnitNorm fromConfig(Map<String, Object> map) {
        return new UnitNorm(Constraints.axis(new Config("UnitNorm", map).allow("axis")));
    }
}
