package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.utils.RandomState;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * Dropout that keeps the mean and variance of SELU activations, as
 * keras/src/layers/regularization/alpha_dropout.py {@code AlphaDropout}: in training, with
 * {@code alpha_p = -1.6732632423543772 * 1.0507009873554805}, {@code a = ((1 - rate) * (1 + rate * alpha_p^2))^-0.5}
 * and {@code b = -a * alpha_p * rate}, {@code y = a * (kept ? x : alpha_p) + b}; the identity at inference.
 * {@code noise_shape} shares draws as in {@link Dropout}.
 */
public class AlphaDropout extends Dropout {
    private static final double ALPHA_P = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946;

    /** @param rate the fraction of inputs to drop, in [0, 1) */
    public AlphaDropout(double rate) {
        super(rate);
    }

    private double a() {
        return Math.pow((1 - rate()) * (1 + rate() * ALPHA_P * ALPHA_P), -0.5);
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        if (!ctx.training() || rate() == 0) {
            ctx.save("kept", Boolean.FALSE);
            return input;
        }
        org.nd4j.linalg.api.rng.Random rng = ctx.computeIfAbsent("rng", () -> RandomState.generator(seedValue()));
        INDArray kept = Nd4j.createUninitialized(input.dataType(), maskShape(input.shape()));
        Nd4j.getExecutioner().exec(new BernoulliDistribution(kept, 1.0 - rate()), rng);
        if (!java.util.Arrays.equals(kept.shape(), input.shape())) {
            kept = kept.broadcast(input.shape());
        }
        ctx.save("kept", kept);
        double a = a();
        double b = -a * ALPHA_P * rate();
        INDArray dropped = kept.rsub(1.0).muli(ALPHA_P);
        return input.mul(kept).addi(dropped).muli(a).addi(b);
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        Object kept = ctx.saved("kept");
        return kept instanceof Boolean ? gradOutput : gradOutput.mul((INDArray) kept).muli(a());
    }

    /** An AlphaDropout layer from its Keras config. */
    public static AlphaDropout fromConfig(Map<String, Object> map) {
        return Dropout.fromConfig("AlphaDropout", map, AlphaDropout::new);
    }
}
