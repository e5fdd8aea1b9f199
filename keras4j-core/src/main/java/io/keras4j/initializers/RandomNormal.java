package io.keras4j.initializers;

import io.keras4j.engine.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.BaseRandomOp;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;

import java.util.Map;

/**
 * Draws from N(mean, stddev^2), as keras/src/initializers/random_initializers.py {@code RandomNormal}
 * ("random_normal", "normal"). Defaults: mean 0, stddev 0.05, seed null.
 */
public class RandomNormal extends RandomInitializer {
    private final double mean;
    private final double stddev;

    public RandomNormal() {
        this(0.0, 0.05, null);
    }

    public RandomNormal(double mean, double stddev, Long seed) {
        super(seed);
        this.mean = mean;
        this.stddev = stddev;
    }

    @Override
    BaseRandomOp op(INDArray out) {
        return new GaussianDistribution(out, mean, stddev);
    }

    @Override
    public Map<String, Object> getConfig() {
        return config("mean", mean, "stddev", stddev);
    }

    public static RandomNormal fromConfig(Map<String, Object> map) {
        Config c = new Config("RandomNormal", map).allow("mean", "stddev", "seed");
        return new RandomNormal(c.getDouble("mean", 0.0), c.getDouble("stddev", 0.05), seed(c));
    }
}
