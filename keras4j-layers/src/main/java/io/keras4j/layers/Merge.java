package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The shared mechanics of the element-wise merge layers, as keras/src/layers/merging/base_merge.py
 * {@code Merge}: the per-sample shapes must broadcast (aligned from the right, each pair of sizes equal or
 * one of them 1); an input of lower rank gets size-1 axes inserted after the batch axis. The output has the
 * broadcast shape; the gradient of an input is summed over the axes it was broadcast along.
 */
abstract class Merge extends Layer {
    /** The merge of inputs that all have the output's shape. */
    abstract INDArray merge(INDArray[] xs);

    /** The gradients of the inputs (all of the output's shape) given the output and its gradient. */
    abstract INDArray[] mergeGradients(INDArray[] xs, INDArray y, INDArray dy);

    /**
     * The value a masked position of an input takes so that it leaves the merge unchanged, as multiply.py (1) and
     * base_merge.py {@code _apply_merge_op_and_or_mask} (Maximum, Minimum: the other inputs' value there); NaN (the
     * default) when the merge does not read the masks (Add, Subtract, Average add masked values too, as Keras's).
     */
    double maskedValue() {
        return Double.NaN;
    }

    /** Whether the output is zeroed where every input is masked, when every input has a mask (multiply.py). */
    boolean zeroesMasked() {
        return false;
    }

    /** The minimum (and maximum) number of inputs; Keras's merge layers take at least one. */
    int minInputs() {
        return 1;
    }

    int maxInputs() {
        return Integer.MAX_VALUE;
    }

    @Override
    protected void build(List<long[]> inputShapes) {
        computeOutputShapes(inputShapes);
    }

    @Override
    public List<long[]> computeOutputShapes(List<long[]> inputShapes) {
        if (inputShapes.size() < minInputs() || inputShapes.size() > maxInputs()) {
            throw new IllegalArgumentException(className() + " \"" + name() + "\" should be called on "
                    + (minInputs() == maxInputs() ? "exactly " + minInputs() : "at least " + minInputs()) + " input(s), got "
                    + inputShapes.size() + ": " + Shapes.format(inputShapes));
        }
        long[] out = Arrays.copyOfRange(inputShapes.get(0), 1, inputShapes.get(0).length);
        long batch = inputShapes.get(0)[0];
        for (long[] shape : inputShapes.subList(1, inputShapes.size())) {
            out = broadcast(out, Arrays.copyOfRange(shape, 1, shape.length), inputShapes);
            if (batch >= 0 && shape[0] >= 0 && shape[0] != batch) {
                throw new IllegalArgumentException(className() + " \"" + name() + "\": cannot merge tensors with different batch sizes. "
                        + "Received tensors with shapes " + Shapes.format(inputShapes));
            }
            batch = Math.max(batch, shape[0]);
        }
        long[] withBatch = new long[out.length + 1];
        withBatch[0] = batch;
        System.arraycopy(out, 0, withBatch, 1, out.length);
        return List.of(withBatch);
    }

    private long[] broadcast(long[] a, long[] b, List<long[]> all) {
        if (a.length < b.length) {
            long[] t = a;
            a = b;
            b = t;
        }
        long[] out = a.clone();
        int offset = a.length - b.length;
        for (int i = 0; i < b.length; i++) {
            long x = a[offset + i];
            long y = b[i];
            if (x < 0 || y < 0) {
                out[offset + i] = x == 1 ? y : y == 1 ? x : -1;
            } else if (x == 1 || y == 1 || x == y) {
                out[offset + i] = Math.max(x, y);
            } else {
                throw new IllegalArgumentException(className() + " \"" + name() + "\": inputs have incompatible shapes. "
                        + "Received shapes " + Shapes.format(all));
            }
        }
        return out;
    }

    @Override
    public INDArray[] call(INDArray[] inputs, CallContext ctx) {
        List<long[]> shapes = new ArrayList<>();
        for (INDArray x : inputs) {
            shapes.add(x.shape());
        }
        long[] outShape = computeOutputShapes(shapes).get(0);
        INDArray[] xs = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            INDArray x = inputs[i].rank() == outShape.length ? inputs[i] : inputs[i].reshape(expanded(inputs[i].shape(), outShape.length));
            xs[i] = Arrays.equals(x.shape(), outShape) ? x : x.broadcast(outShape);
        }
        INDArray[] keeps = Double.isNaN(maskedValue()) ? null : keeps(ctx, xs.length, outShape, xs[0].dataType());
        INDArray zero = null;
        if (keeps != null) {
            zero = maskOut(xs, keeps);
        }
        INDArray y = merge(xs);
        if (zero != null) {
            y.muli(zero);
        }
        ctx.save("xs", xs);
        ctx.save("y", y);
        ctx.save("shapes", shapes);
        ctx.save("masking", new Object[]{keeps, zero});
        return new INDArray[]{y};
    }

    /**
     * The input masks as 0/1 arrays of the output's shape (a {@code (batch, steps)} mask broadcast along the last
     * axis, as Keras's {@code broadcast_to(expand_dims(mask, -1), shape(x))}), null entries for inputs without one;
     * null when no input has a mask.
     */
    private INDArray[] keeps(CallContext ctx, int count, long[] outShape, org.nd4j.linalg.api.buffer.DataType dtype) {
        INDArray[] keeps = new INDArray[count];
        boolean any = false;
        for (int i = 0; i < keeps.length; i++) {
            INDArray m = ctx.inputMask(i);
            if (m == null) {
                continue;
            }
            if (m.rank() != outShape.length - 1) {
                throw new IllegalArgumentException(className() + " \"" + name() + "\": the mask of input " + i + " must have one axis "
                        + "fewer than the output " + Shapes.format(outShape) + ", got mask shape " + Shapes.format(m.shape()));
            }
            long[] expanded = Arrays.copyOf(m.shape(), m.rank() + 1);
            expanded[m.rank()] = 1;
            keeps[i] = m.castTo(dtype).reshape(expanded).broadcast(outShape);
            any = true;
        }
        return any ? keeps : null;
    }

    /**
     * Replaces the masked positions of {@code xs} by {@link #maskedValue()} in place. Where every input is masked,
     * the first input is kept (Keras's Maximum and Minimum give its value there). Returns the 0/1 array that zeroes the
     * output where every input is masked ({@link #zeroesMasked()} with a mask on every input), else null.
     */
    private INDArray maskOut(INDArray[] xs, INDArray[] keeps) {
        INDArray anyKept = null;
        for (INDArray k : keeps) {
            if (k == null) {
                anyKept = null;
                break;
            }
            anyKept = anyKept == null ? k.dup() : Transforms.max(anyKept, k, false);
        }
        INDArray zero = anyKept != null && zeroesMasked() ? anyKept.dup() : null;
        if (anyKept != null) {
            keeps[0] = keeps[0].add(anyKept.rsub(1));
        }
        double value = maskedValue();
        for (int i = 0; i < xs.length; i++) {
            if (keeps[i] != null) {
                xs[i] = xs[i].mul(keeps[i]).addi(keeps[i].rsub(1).muli(value));
            }
        }
        return zero;
    }

    /** The shape with size-1 axes inserted after the batch axis up to {@code rank}, as Keras's expand_dims(x, 1). */
    private static long[] expanded(long[] shape, int rank) {
        long[] out = new long[rank];
        Arrays.fill(out, 1);
        out[0] = shape[0];
        System.arraycopy(shape, 1, out, rank - shape.length + 1, shape.length - 1);
        return out;
    }

    @Override
    public INDArray[] backward(INDArray[] outputGradients, CallContext ctx) {
        INDArray[] xs = ctx.saved("xs");
        List<long[]> shapes = ctx.saved("shapes");
        Object[] masking = ctx.saved("masking");
        INDArray[] keeps = (INDArray[]) masking[0];
        INDArray zero = (INDArray) masking[1];
        INDArray[] grads = mergeGradients(xs, ctx.saved("y"), zero == null ? outputGradients[0] : outputGradients[0].mul(zero));
        for (int i = 0; keeps != null && i < grads.length; i++) {
            if (keeps[i] != null) {
                grads[i] = grads[i].mul(keeps[i]);
            }
        }
        for (int i = 0; i < grads.length; i++) {
            long[] shape = shapes.get(i);
            long[] target = expanded(shape, grads[i].rank());
            List<Integer> axes = new ArrayList<>();
            for (int d = 0; d < target.length; d++) {
                if (target[d] == 1 && grads[i].size(d) != 1) {
                    axes.add(d);
                }
            }
            INDArray g = axes.isEmpty() ? grads[i] : grads[i].sum(true, axes.stream().mapToInt(Integer::intValue).toArray());
            grads[i] = Arrays.equals(g.shape(), shape) ? g : g.reshape(shape);
        }
        return grads;
    }

    /**
     * The logical or of the input masks, or no mask when an input has none, as base_merge.py {@code compute_mask}
     * (the same for every element-wise merge).
     */
    @Override
    public INDArray[] computeMask(INDArray[] inputs, INDArray[] masks) {
        if (masks == null) {
            return null;
        }
        INDArray out = null;
        for (INDArray m : masks) {
            if (m == null) {
                return null;
            }
            out = out == null ? m : Transforms.or(out, m);
        }
        return new INDArray[]{out};
    }

    /** Routes {@code dy} to the first input equal to {@code y} at each position (Maximum, Minimum). */
    static INDArray[] routeToFirstMatch(INDArray[] xs, INDArray y, INDArray dy) {
        INDArray unclaimed = dy.dup();
        INDArray[] g = new INDArray[xs.length];
        for (int i = 0; i < xs.length; i++) {
            INDArray hit = xs[i].eq(y).castTo(dy.dataType());
            g[i] = unclaimed.mul(hit);
            unclaimed.subi(g[i]);
        }
        return g;
    }

    /** A merge layer of the given class from its Keras config (base keys only). */
    static <L extends Merge> L fromConfig(String className, Map<String, Object> map, L layer) {
        return new Config(className, map).allow().applyBase(layer);
    }
}
