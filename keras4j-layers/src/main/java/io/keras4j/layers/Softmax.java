package io.keras4j.layers;

import io.keras4j.activations.Activations;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The softmax layer, as keras/src/layers/activations/softmax.py {@code Softmax}:
 * {@code exp(x) / sum(exp(x), axis)}, axis default -1. Output shape = input shape. With a mask (propagated from an
 * upstream layer, broadcast to the input as numpy broadcasts, aligned from the right) masked positions enter as -1e9 and
 * come out as 0, as Keras's {@code Softmax.call(inputs, mask)}. (Tuple axes are not supported.)
 */
public class Softmax extends OneArgumentActivationLayer {
    /** Keras's {@code Softmax()}: axis -1. */
    public Softmax() {
        this(-1);
    }

    /** @param axis the axis along which the softmax normalization is applied */
    public Softmax(int axis) {
        super("axis", axis, Activations.softmax(axis));
    }

    /** Keras's large negative number for masked positions (softmax.py {@code _large_negative_number}, float32). */
    private static final double MASKED = -1e9;

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        INDArray mask = ctx.inputMask(0);
        ctx.save("masked", mask != null);
        if (mask == null) {
            return super.call(input, ctx);
        }
        INDArray keep = keep(mask, input);
        INDArray shifted = input.mul(keep).addi(keep.rsub(1).muli(MASKED));
        INDArray s = ctx.buffer("y", input.dataType(), input.shape());
        function().call(shifted, s);
        ctx.save("x", shifted);
        ctx.save("y", s);
        ctx.save("keep", keep);
        return s.mul(keep);
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        if (!(Boolean) ctx.saved("masked")) {
            return super.backward(gradOutput, ctx);
        }
        INDArray keep = ctx.saved("keep");
        INDArray x = ctx.saved("x");
        INDArray dx = ctx.buffer("dx", x.dataType(), x.shape());
        function().gradient(x, ctx.saved("y"), gradOutput.mul(keep), dx);
        return dx.muli(keep);
    }

    /** The mask as 0/1 of the input's shape, broadcast from the right; refused as Keras refuses it. */
    private INDArray keep(INDArray mask, INDArray input) {
        long[] in = input.shape();
        long[] m = mask.shape();
        boolean ok = m.length <= in.length;
        for (int i = 1; ok && i <= m.length; i++) {
            ok = m[m.length - i] == 1 || m[m.length - i] == in[in.length - i];
        }
        if (!ok) {
            throw new IllegalArgumentException("Softmax \"" + name() + "\": the mask must be broadcastable to the inputs (each mask "
                    + "axis 1 or the input's size, aligned from the right). Received: inputs.shape=" + Shapes.format(in)
                    + ", mask.shape=" + Shapes.format(m));
        }
        long[] padded = new long[in.length];
        java.util.Arrays.fill(padded, 1);
        System.arraycopy(m, 0, padded, in.length - m.length, m.length);
        return mask.castTo(input.dataType()).reshape(padded).broadcast(in);
    }

    /** A Softmax layer from its Keras config. */
    public static Softmax fromConfig(Map<String, Object> map) {
        Config c = new Config("Softmax", map).allow("axis");
        Object axis = c.raw("axis");
        if (axis instanceof java.util.List && ((java.util.List<?>) axis).size() == 1) {
            axis = ((java.util.List<?>) axis).get(0);
        }
        if (axis != null && !(axis instanceof Number)) {
            throw new IllegalArgumentException("Softmax: config key 'axis' must be an integer (tuple axes are not supported), got " + axis);
        }
        return c.applyBase(new Softmax(axis == null ? -1 : ((Number) axis).intValue()));
    }
}
