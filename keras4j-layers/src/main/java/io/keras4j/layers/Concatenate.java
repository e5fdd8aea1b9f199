package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.Map;

/**
 * Concatenates its inputs along {@code axis}, as keras/src/layers/merging/concatenate.py {@code Concatenate}.
 * All inputs must have the same rank and the same sizes on every other axis; the output's size on
 * {@code axis} is the sum of theirs. Default axis -1 (batch axis included in the count).
 * <pre>{@code KerasTensor y = new Concatenate().apply(a, b);}</pre>
 */
public class Concatenate extends Layer {
    private final int axis;

    public Concatenate() {
        this(-1);
    }

    /** @param axis the concatenation axis (negative counts from the end) */
    public Concatenate(int axis) {
        this.axis = axis;
    }

    public int axis() {
        return axis;
    }

    @Override
    protected void build(List<long[]> inputShapes) {
        computeOutputShapes(inputShapes);
    }

    private int canonicalAxis(int rank, List<long[]> shapes) {
        int a = axis < 0 ? rank + axis : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("Concatenate \"" + name() + "\": axis " + axis + " is out of bounds for inputs of rank "
                    + rank + "; received input shapes " + Shapes.format(shapes));
        }
        return a;
    }

    @Override
    public List<long[]> computeOutputShapes(List<long[]> shapes) {
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("Concatenate \"" + name() + "\" should be called on at least one input, got none");
        }
        int rank = shapes.get(0).length;
        int a = canonicalAxis(rank, shapes);
        long[] out = shapes.get(0).clone();
        for (long[] s : shapes.subList(1, shapes.size())) {
            boolean ok = s.length == rank;
            for (int d = 0; ok && d < rank; d++) {
                if (d != a && s[d] >= 0 && out[d] >= 0 && s[d] != out[d]) {
                    ok = false;
                } else if (d != a && out[d] < 0) {
                    out[d] = s[d];
                }
            }
            if (!ok) {
                throw new IllegalArgumentException("Concatenate \"" + name() + "\" requires inputs with matching shapes except for the "
                        + "concatenation axis " + axis + ". Received: input_shape=" + Shapes.format(shapes));
            }
            out[a] = out[a] < 0 || s[a] < 0 ? -1 : out[a] + s[a];
        }
        return List.of(out);
    }

    @Override
    public INDArray[] call(INDArray[] inputs, CallContext ctx) {
        List<long[]> shapes = new java.util.ArrayList<>();
        for (INDArray x : inputs) {
            shapes.add(x.shape());
        }
        long[] outShape = computeOutputShapes(shapes).get(0);
        int a = canonicalAxis(outShape.length, shapes);
        long[] sizes = new long[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            sizes[i] = inputs[i].size(a);
        }
        ctx.save("sizes", sizes);
        return new INDArray[]{inputs.length == 1 ? inputs[0].dup() : Nd4j.concat(a, inputs)};
    }

    @Override
    public INDArray[] backward(INDArray[] outputGradients, CallContext ctx) {
        long[] sizes = ctx.saved("sizes");
        INDArray dy = outputGradients[0];
        int a = axis < 0 ? dy.rank() + axis : axis;
        INDArray[] grads = new INDArray[sizes.length];
        long from = 0;
        for (int i = 0; i < sizes.length; i++) {
            INDArrayIndex[] idx = NDArrayIndex.allFor(dy);
            idx[a] = NDArrayIndex.interval(from, from + sizes[i]);
            grads[i] = ctx.needsInputGradient(i) ? dy.get(idx).dup() : null;
            from += sizes[i];
        }
        return grads;
    }

    /**
     * As concatenate.py {@code compute_mask}: each input's mask (all true for an input without one, broadcast along
     * a trailing axis when it has one axis fewer than its input) concatenated along {@code axis}, then reduced with
     * "any" over the last axis. No mask when no input has one.
     */
    @Override
    public INDArray[] computeMask(INDArray[] inputs, INDArray[] masks) {
        if (masks == null || java.util.Arrays.stream(masks).allMatch(java.util.Objects::isNull)) {
            return null;
        }
        INDArray[] full = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            INDArray m = i < masks.length ? masks[i] : null;
            if (m == null) {
                full[i] = Nd4j.ones(DataType.BOOL, inputs[i].shape());
            } else if (m.rank() < inputs[i].rank()) {
                long[] expanded = java.util.Arrays.copyOf(m.shape(), m.rank() + 1);
                expanded[m.rank()] = 1;
                full[i] = m.reshape(expanded).broadcast(inputs[i].shape());
            } else {
                full[i] = m;
            }
        }
        int a = axis < 0 ? full[0].rank() + axis : axis;
        INDArray joined = Nd4j.concat(a, full).castTo(DataType.INT8);
        return new INDArray[]{joined.max(joined.rank() - 1).castTo(DataType.BOOL)};
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("axis", axis);
        return config;
    }

    /** A Concatenate layer from its Keras config. */
    public static Concatenate fromConfig(Map<String, Object> map) {
        Config c = new Config("Concatenate", map).allow("axis");
        return c.applyBase(new Concatenate(c.getInt("axis", -1)));
    }
}
