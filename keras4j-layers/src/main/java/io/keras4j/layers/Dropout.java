package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import io.keras4j.utils.RandomState;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Randomly sets a fraction {@code rate} of the inputs to 0 during training and scales the others by
 * {@code 1 / (1 - rate)}, as keras/src/layers/regularization/dropout.py {@code Dropout}; the identity at
 * inference. {@code rate} is the fraction dropped, in [0, 1). With {@code noise_shape} (sizes of the
 * keep-mask, -1 for the input's size) one draw is shared along the axes of size 1, e.g. {@code (batch, 1,
 * features)} drops the same features at every timestep.
 */
public class Dropout extends Layer {
    private final double rate;
    private Long seed;
    private long[] noiseShape;

    /** Passes the input mask on, as Keras's {@code supports_masking = True} for this layer. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    /** @param rate the fraction of inputs to drop, in [0, 1) */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": argument `rate` must be a float in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    /** Seeds this layer's own generator, as Keras's {@code seed=}. */
    public Dropout seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The shape of the keep-mask, batch axis included; -1 takes the input's size. */
    public Dropout noiseShape(long... noiseShape) {
        this.noiseShape = noiseShape.clone();
        return this;
    }

    public double rate() {
        return rate;
    }

    /** The seed given with {@link #seed(long)}, or null. */
    Long seedValue() {
        return seed;
    }

    /** The shape of the mask for an input of the given shape. */
    long[] maskShape(long[] inputShape) {
        if (noiseShape == null) {
            return inputShape;
        }
        if (noiseShape.length != inputShape.length) {
            throw new IllegalArgumentException(className() + " \"" + name() + "\": noise_shape " + java.util.Arrays.toString(noiseShape)
                    + " must have the input's rank, got input shape " + java.util.Arrays.toString(inputShape));
        }
        long[] out = noiseShape.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] < 0 ? inputShape[i] : out[i];
        }
        return out;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        if (!ctx.training() || rate == 0) {
            ctx.save("mask", Boolean.FALSE);
            return input;
        }
        org.nd4j.linalg.api.rng.Random rng = ctx.computeIfAbsent("rng", () -> RandomState.generator(seed));
        INDArray mask = fillMask(ctx.buffer("mask", input.dataType(), maskShape(input.shape())), rate, rng);
        ctx.save("mask", mask);
        return times(input, mask, ctx, "y");
    }

    /**
     * Fills {@code mask} with Keras's {@code backend.random.dropout(ones, rate)}: 0 with probability {@code rate}, else
     * {@code 1 / (1 - rate)}; returns it. The layers that drop (this, the recurrent cells, attention) share it.
     */
    static INDArray fillMask(INDArray mask, double rate, org.nd4j.linalg.api.rng.Random rng) {
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 1.0 - rate), rng);
        return mask.divi(1.0 - rate);
    }

    /** {@code x * mask} into a reused buffer, broadcasting the mask when noise_shape shares draws. */
    private static INDArray times(INDArray x, INDArray mask, CallContext ctx, String key) {
        INDArray out = ctx.buffer(key, x.dataType(), x.shape());
        if (java.util.Arrays.equals(mask.shape(), x.shape())) {
            Nd4j.exec(new MulOp(x, mask, out));
            return out;
        }
        return out.assign(mask.broadcast(x.shape())).muli(x);
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        Object mask = ctx.saved("mask");
        if (mask instanceof Boolean) {
            return gradOutput;
        }
        return times(gradOutput, (INDArray) mask, ctx, "dx");
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("rate", rate);
        config.put("seed", seed);
        List<Object> shape = null;
        if (noiseShape != null) {
            shape = new ArrayList<>();
            for (long d : noiseShape) {
                shape.add(d < 0 ? null : d);
            }
        }
        config.put("noise_shape", shape);
        return config;
    }

    /** Reads rate, seed and noise_shape of a config into a new layer made by {@code factory} from the rate. */
    static <L extends Dropout> L fromConfig(String className, Map<String, Object> map, java.util.function.DoubleFunction<L> factory,
                                            String... extra) {
        String[] keys = java.util.Arrays.copyOf(new String[]{"rate", "seed", "noise_shape"}, 3 + extra.length);
        System.arraycopy(extra, 0, keys, 3, extra.length);
        Config c = new Config(className, map).allow(keys);
        L d = factory.apply(c.getDouble("rate", 0.0));
        if (c.has("seed")) {
            d.seed(c.getInt("seed"));
        }
        if (c.has("noise_shape")) {
            d.noiseShape(c.getLongs("noise_shape"));
        }
        return c.applyBase(d);
    }

    /** A Dropout layer from its Keras config. */
    public static Dropout fromConfig(Map<String, Object> map) {
        return fromConfig("Dropout", map, Dropout::new);
    }
}
