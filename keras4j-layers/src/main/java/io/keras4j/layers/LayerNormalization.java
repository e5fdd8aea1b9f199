package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Normalizes each sample over {@code axis}, as keras/src/layers/normalization/layer_normalization.py
 * {@code LayerNormalization} (keras/src/ops/nn.py {@code _layer_normalization}):
 * {@code y = gamma * (x - mean) / sqrt(var + epsilon) + beta}, statistics over the axes of each sample.
 * With {@code rms_scaling}, Keras's definition {@code y = gamma * x / sqrt(var + epsilon)} (variance
 * around the mean, x not centered; no beta).
 *
 * <p>gamma and beta have the input's sizes on the normalized axes. Defaults: axis -1, epsilon 1e-3, center
 * and scale true, rms_scaling false. Output shape equals input shape.
 * <pre>{@code new LayerNormalization().epsilon(1e-6)}</pre>
 */
public class LayerNormalization extends AffineNormalization<LayerNormalization> {
    private NormalizationAxes axis = new NormalizationAxes(new int[]{-1}, false);
    private boolean rmsScaling;

    /** The axis to normalize over (negative counts from the end). */
    public LayerNormalization axis(int axis) {
        this.axis = new NormalizationAxes(new int[]{axis}, false);
        return this;
    }

    /** Several axes to normalize over together. */
    public LayerNormalization axes(int... axes) {
        this.axis = new NormalizationAxes(axes, true);
        return this;
    }

    /** Whether to scale by the inverse standard deviation only (no centering, no beta). */
    public LayerNormalization rmsScaling(boolean rmsScaling) {
        this.rmsScaling = rmsScaling;
        return this;
    }

    private String label() {
        return "LayerNormalization \"" + name() + "\"";
    }

    @Override
    protected void build(long[] inputShape) {
        int[] axes = axis.resolve(inputShape.length, label());
        long[] shape = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            shape[i] = inputShape[axes[i]];
            if (shape[i] <= 0) {
                throw new IllegalArgumentException(label() + ": the normalized axes need known sizes, got input shape "
                        + io.keras4j.engine.Shapes.format(inputShape));
            }
        }
        addGammaBeta(shape, scale || rmsScaling, center && !rmsScaling);
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        axis.resolve(inputShape.length, label());
        return inputShape.clone();
    }

    @Override
    protected INDArray call(INDArray x, CallContext ctx) {
        int[] axes = axis.resolve(x.rank(), label());
        long[] broadcast = Standardize.broadcastShape(x.shape(), axes);
        INDArray inv = rmsScaling ? Standardize.inverseRms(x, axes, epsilon, true) : Standardize.inverseStd(x, axes, epsilon);
        INDArray xHat = rmsScaling ? x.mul(inv) : Standardize.forward(x, axes, inv);
        ctx.save("x", x);
        ctx.save("inv", inv);
        ctx.save("xHat", xHat);
        return affine(xHat, broadcast);
    }

    @Override
    protected INDArray backward(INDArray dy, CallContext ctx) {
        INDArray x = ctx.saved("x");
        INDArray inv = ctx.saved("inv");
        INDArray xHat = ctx.saved("xHat");
        int[] axes = axis.resolve(x.rank(), label());
        INDArray dxHat = affineBackward(xHat, dy, Standardize.broadcastShape(x.shape(), axes), Standardize.complement(x.rank(), axes));
        return rmsScaling ? Standardize.rmsBackward(x, inv, dxHat, axes, true) : Standardize.backward(xHat, inv, dxHat, axes);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("axis", axis.configValue());
        putAffineConfig(config);
        config.put("rms_scaling", rmsScaling);
        putPenaltyConfig(config);
        return config;
    }

    /** A LayerNormalization layer from its Keras config ({@code axis} an int or a list, as Keras 2 saves it). */
    public static LayerNormalization fromConfig(Map<String, Object> map) {
        Config c = new Config("LayerNormalization", map).allow("axis", "epsilon", "center", "scale", "rms_scaling",
                "beta_initializer", "gamma_initializer", "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint");
        LayerNormalization ln = new LayerNormalization().rmsScaling(c.getBoolean("rms_scaling", false));
        ln.axis = NormalizationAxes.from(c, "axis");
        return ln.applyAffineConfig(c, 1e-3);
    }
}
