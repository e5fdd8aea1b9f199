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
 * Multiplies the inputs by 1-centered Gaussian noise during training, as
 * keras/src/layers/regularization/gaussian_dropout.py {@code GaussianDropout}:
 * {@code y = x * N(1, rate / (1 - rate))} (standard deviation {@code sqrt(rate / (1 - rate))}); the identity at
 * inference. Output shape equals input shape.
 */
public class GaussianDropout extends Layer {
    private final double rate;
    private Long seed;

    /** Passes the input mask on, as Keras's {@code supports_masking = True} for this layer. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    /** @param rate the drop probability the noise stands for, in [0, 1) */
    public GaussianDropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("GaussianDropout: argument `rate` must be a float in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    public GaussianDropout seed(long seed) {
        this.seed = seed;
        return this;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        if (!ctx.training() || rate == 0) {
            ctx.save("noise", Boolean.FALSE);
            return input;
        }
        org.nd4j.linalg.api.rng.Random rng = ctx.computeIfAbsent("rng", () -> RandomState.generator(seed));
        INDArray noise = ctx.buffer("noise", input.dataType(), input.shape());
        Nd4j.getExecutioner().exec(new GaussianDistribution(noise, 1.0, Math.sqrt(rate / (1 - rate))), rng);
        ctx.save("noise", noise);
        return input.mul(noise);
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        Object noise = ctx.saved("noise");
        return noise instanceof Boolean ? gradOutput : gradOutput.mul((INDArray) noise);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("rate", rate);
        config.put("seed", seed);
        return config;
    }

    /** A GaussianDropout layer from its Keras config (Keras 1's {@code p} accepted). */
    public static GaussianDropout fromConfig(Map<String, Object> map) {
        Config c = new Config("GaussianDropout", map).allow("rate", "seed", "p");
        GaussianDropout layer = new GaussianDropout(c.getDouble("rate", c.getDouble("p", 0)));
        if (c.has("seed")) {
            layer.seed(c.getInt("seed"));
        }
        return c.applyBase(layer);
    }
}
