package io.keras4j.initializers;

import io.keras4j.utils.RandomState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Draws from U(minval, maxval), as keras/src/initializers/random_initializers.py {@code RandomUniform}
 * ("random_uniform", "uniform"); defaults minval -0.05, maxval 0.05.
 */
public final class RandomUniform implements Initializer {
    private final double minval;
    private final double maxval;
    private final Long seed;

    public RandomUniform() {
        this(-0.05, 0.05, null);
    }

    /** @param seed the seed, or null to draw from the global generator */
    public RandomUniform(double minval, double maxval, Long seed) {
        if (!(maxval >= minval)) {
            throw new IllegalArgumentException("RandomUniform: maxval must be >= minval, got minval=" + minval + ", maxval=" + maxval);
        }
        this.minval = minval;
        this.maxval = maxval;
        this.seed = seed;
    }

    @Override
    public INDArray apply(long[] shape, DataType dtype) {
        INDArray out = Nd4j.createUninitialized(dtype, shape, 'c');
        Nd4j.getExecutioner().exec(new UniformDistribution(out, minval, maxval), RandomState.generator(seed));
        return out;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("seed", seed);
        config.put("minval", minval);
        config.put("maxval", maxval);
        return config;
    }
}
