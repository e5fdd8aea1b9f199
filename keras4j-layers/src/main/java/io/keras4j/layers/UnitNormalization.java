package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Scales each input to unit L2 norm along {@code axis}, as keras/src/layers/normalization/unit_normalization.py
 * {@code UnitNormalization}: {@code y = x / sqrt(max(sum(x^2, axis), 1e-24))} (Keras's {@code ops.normalize}
 * with epsilon 1e-12). Default axis -1; no weights; output shape equals input shape.
 */
public class UnitNormalization extends Layer {
    private static final double EPSILON = 1e-12;
    private final int axis;

    /** Passes the input mask on, as Keras's {@code supports_masking = True} for this layer. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    public UnitNormalization() {
        this(-1);
    }

    /** @param axis the axis to normalize along (negative counts from the end) */
    public UnitNormalization(int axis) {
        this.axis = axis;
    }

    private int axisFor(int rank) {
        int a = axis < 0 ? rank + axis : axis;
        if (a < 1 || a >= rank) {
            throw new IllegalArgumentException("UnitNormalization \"" + name() + "\": axis " + axis
                    + " is out of bounds for an input of rank " + rank);
        }
        return a;
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        axisFor(inputShape.length);
        return inputShape.clone();
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        INDArray inv = L2Normalize.inverseNorm(input, axisFor(input.rank()), EPSILON);
        ctx.save("x", input);
        ctx.save("inv", inv);
        return L2Normalize.forward(input, inv);
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        INDArray x = ctx.saved("x");
        return L2Normalize.backward(x, ctx.saved("inv"), gradOutput, axisFor(x.rank()), EPSILON);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("axis", axis);
        return config;
    }

    /** A UnitNormalization layer from its Keras config (a one-element axis list is accepted). */
    public static UnitNormalization fromConfig(Map<String, Object> map) {
        Config c = new Config("UnitNormalization", map).allow("axis");
        long[] axes = c.has("axis") ? c.getLongs("axis") : new long[]{-1};
        if (axes.length != 1) {
            throw new IllegalArgumentException("UnitNormalization: only a single axis is supported, got " + java.util.Arrays.toString(axes));
        }
        return c.applyBase(new UnitNormalization((int) axes[0]));
    }
}
