package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import io.keras4j.utils.RandomState;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * Adds zero-centered Gaussian noise during training, as keras/src/layers/regularization/gaussian_noise.py
 * {@code GaussianNoise}: {@code y = x + N(0, stddev^2)}; the identity at inference. Output shape equals input shape.
 */
public class GaussianNoise extends Layer {
    private final double stddev;
    private Long seed;

    /** Passes the input mask on, as Keras's {@code supports_masking = True} for this layer. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    /** @param stddev the standard deviation of the noise (>= 0) */
    public GaussianNoise(double stddev) {
        if (!(stddev >= 0)) {
            throw new IllegalArgumentException("GaussianNoise: argument `stddev` must be >= 0, got " + stddev);
        }
        this.stddev = stddev;
    }

    public GaussianNoise seed(long seed) {
        this.seed = seed;
        return this;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        if (!ctx.training() || stddev == 0) {
            return input;
        }
        org.nd4j.linalg.api.rng.Random rng = ctx.computeIfAbsent("rng", () -> RandomState.generator(seed));
        INDArray y = ctx.buffer("y", input.dataType(), input.shape());
        Nd4j.getExecutioner().exec(new GaussianDistribution(y, 0.0, stddev), rng);
        return y.addi(input);
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        return gradOutput;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("stddev", stddev);
        config.put("seed", seed);
        return config;
    }

    /** A GaussianNoise layer from its Keras config (Keras 1's {@code sigma} accepted). */
    public static GaussianNoise fromConfig(Map<String, Object> map) {
        Config c = new Config("GaussianNoise", map).allow("stddev", "seed", "sigma");
        GaussianNoise layer = new GaussianNoise(c.getDouble("stddev", c.getDouble("sigma", 0)));
        if (c.has("seed")) {
            layer.seed(c.getInt("seed"));
        }
        return c.applyBase(layer);
    }
}
