package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import io.keras4j.utils.RandomState;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * Randomly sets a fraction {@code rate} of the inputs to 0 during training and scales the others by
 * {@code 1 / (1 - rate)}, as keras/src/layers/regularization/dropout.py {@code Dropout}; the identity at
 * inference. {@code rate} is the fraction dropped, in [0, 1).
 */
public class Dropout extends Layer {
    private final double rate;
    private Long seed;

    /** @param rate the fraction of inputs to drop, in [0, 1) */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout: argument `rate` must be a float in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    /** Seeds this layer's own generator, as Keras's {@code seed=}. */
    public Dropout seed(long seed) {
        this.seed = seed;
        return this;
    }

    public double rate() {
        return rate;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        if (!ctx.training() || rate == 0) {
            ctx.save("mask", Boolean.FALSE);
            return input;
        }
        org.nd4j.linalg.api.rng.Random rng = ctx.computeIfAbsent("rng", () -> RandomState.generator(seed));
        INDArray mask = ctx.buffer("mask", input.dataType(), input.shape());
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 1.0 - rate), rng);
        mask.divi(1.0 - rate);
        INDArray y = ctx.buffer("y", input.dataType(), input.shape());
        y.assign(input).muli(mask);
        ctx.save("mask", mask);
        return y;
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        Object mask = ctx.saved("mask");
        if (mask instanceof Boolean) {
            return gradOutput;
        }
        INDArray dx = ctx.buffer("dx", gradOutput.dataType(), gradOutput.shape());
        return dx.assign(gradOutput).muli((INDArray) mask);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("rate", rate);
        config.put("seed", seed);
        config.put("noise_shape", null);
        return config;
    }

    /** A Dropout layer from its Keras config. */
    public static Dropout fromConfig(Map<String, Object> map) {
        Config c = new Config("Dropout", map).allow("rate", "seed", "noise_shape");
        Dropout d = new Dropout(c.getDouble("rate", 0.0));
        if (c.has("seed")) {
            d.seed(c.getInt("seed"));
        }
        return c.applyBase(d);
    }
}
