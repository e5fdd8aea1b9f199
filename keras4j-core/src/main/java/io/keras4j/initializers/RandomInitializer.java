package io.keras4j.initializers;

import io.keras4j.utils.RandomState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.BaseRandomOp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the seeded initializers of keras/src/initializers/random_initializers.py share: an optional
 * {@code seed}. With a seed every call draws the same values (Keras's stateless seeded draws); without one,
 * draws come from the global generator that {@code Utils.setRandomSeed} seeds.
 */
abstract class RandomInitializer implements Initializer {
    private final Long seed;

    RandomInitializer(Long seed) {
        this.seed = seed;
    }

    /** The seed, or null for the global generator. */
    public Long seed() {
        return seed;
    }

    /** The draw op filling {@code out}. */
    abstract BaseRandomOp op(INDArray out);

    @Override
    public INDArray apply(long[] shape, DataType dtype) {
        INDArray out = Nd4j.createUninitialized(dtype, shape);
        Nd4j.getExecutioner().exec(op(out), RandomState.generator(seed));
        return out;
    }

    /** {@code seed} followed by the subclass's keys, as Keras's {@code {**base_config, **config}}. */
    Map<String, Object> config(Object... keysAndValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("seed", seed);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    static Long seed(io.keras4j.engine.Config c) {
        return c.has("seed") ? (long) c.getInt("seed") : null;
    }
}
