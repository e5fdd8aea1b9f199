package io.keras4j.initializers;

import io.keras4j.engine.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.BaseRandomOp;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;

import java.util.Map;

/**
 * Draws from U(minval, maxval), as keras/src/initializers/random_initializers.py {@code RandomUniform}
 * ("random_uniform", "uniform"). Defaults: minval -0.05, maxval 0.05, seed null.
 */
public class RandomUniform extends RandomInitializer {
    private final double minval;
    private final double maxval;

    public RandomUniform() {
        this(-0.05, 0.05, null);
    }

    public RandomUniform(double minval, double maxval, Long seed) {
        super(seed);
        this.minval = minval;
        this.maxval = maxval;
    }

    @Override
    BaseRandomOp op(INDArray out) {
        return new UniformDistribution(out, minval, maxval);
    }

    @Override
    public Map<String, Object> getConfig() {
        return config("minval", minval, "maxval", maxval);
    }

    public static RandomUniform fromConfig(Map<String, Object> map) {
        Config c = new Config("RandomUniform", map).allow("minval", "maxval", "seed");
        return new RandomUniform(c.getDouble("minval", -0.05), c.getDouble("maxval", 0.05), seed(c));
    }
}
