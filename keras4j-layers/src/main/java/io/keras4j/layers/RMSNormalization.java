package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import io.keras4j.initializers.Initializers;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Root-mean-square normalization, as keras/src/layers/normalization/rms_normalization.py
 * {@code RMSNormalization} (keras/src/ops/nn.py {@code _rms_normalization}):
 * {@code y = x * rsqrt(mean(x^2, axis) + epsilon) * scale}, with the weight {@code scale} (initialized to
 * ones) of the input's sizes on the normalized axes. Defaults: axis -1, epsilon 1e-6. Output shape equals
 * input shape.
 */
public class RMSNormalization extends Layer {
    private NormalizationAxes axis = new NormalizationAxes(new int[]{-1}, false);
    private double epsilon = 1e-6;
    private Variable scale;

    /** The axis to normalize over (negative counts from the end). */
    public RMSNormalization axis(int axis) {
        this.axis = new NormalizationAxes(new int[]{axis}, false);
        return this;
    }

    /** Several axes to normalize over together. */
    public RMSNormalization axes(int... axes) {
        this.axis = new NormalizationAxes(axes, true);
        return this;
    }

    public RMSNormalization epsilon(double epsilon) {
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("RMSNormalization: argument `epsilon` must be >= 0, got " + epsilon);
        }
        this.epsilon = epsilon;
        return this;
    }

    /** The learned scale; null before build. */
    public Variable scale() {
        return scale;
    }

    private String label() {
        return "RMSNormalization \"" + name() + "\"";
    }

    @Override
    protected void build(long[] inputShape) {
        int[] axes = axis.resolve(inputShape.length, label());
        long[] shape = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            shape[i] = inputShape[axes[i]];
        }
        scale = addWeight("scale", shape, Initializers.get("ones"), null, null, true);
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        axis.resolve(inputShape.length, label());
        return inputShape.clone();
    }

    @Override
    protected INDArray call(INDArray x, CallContext ctx) {
        int[] axes = axis.resolve(x.rank(), label());
        INDArray inv = Standardize.inverseRms(x, axes, epsilon, false);
        INDArray u = x.mul(inv);
        ctx.save("x", x);
        ctx.save("inv", inv);
        ctx.save("u", u);
        return u.mul(scale.value().reshape(Standardize.broadcastShape(x.shape(), axes)));
    }

    @Override
    protected INDArray backward(INDArray dy, CallContext ctx) {
        INDArray x = ctx.saved("x");
        int[] axes = axis.resolve(x.rank(), label());
        INDArray u = ctx.saved("u");
        scale.addGradient(dy.mul(u).sum(Standardize.complement(x.rank(), axes)).reshape(scale.value().shape()));
        INDArray du = dy.mul(scale.value().reshape(Standardize.broadcastShape(x.shape(), axes)));
        return Standardize.rmsBackward(x, ctx.saved("inv"), du, axes, false);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("axis", axis.configValue());
        config.put("epsilon", epsilon);
        return config;
    }

    /** An RMSNormalization layer from its Keras config. */
    public static RMSNormalization fromConfig(Map<String, Object> map) {
        Config c = new Config("RMSNormalization", map).allow("axis", "epsilon");
        RMSNormalization rms = new RMSNormalization().epsilon(c.getDouble("epsilon", 1e-6));
        rms.axis = NormalizationAxes.from(c, "axis");
        return c.applyBase(rms);
    }
}
