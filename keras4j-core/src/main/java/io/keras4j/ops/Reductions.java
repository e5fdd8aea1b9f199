package io.keras4j.ops;

import io.keras4j.backend.Tape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Reductions over axes, as keras/src/ops/numpy.py ({@code sum}, {@code mean}, {@code max}, {@code prod}, {@code var},
 * ...) and math.py ({@code logsumexp}). {@code axis} null reduces over all axes; negative axes count from the end;
 * {@code keepdims} keeps reduced axes with size 1. Each gradient spreads the incoming gradient back over the
 * reduced axes.
 */
final class Reductions {
    private Reductions() {
    }

    /** A reduction computed by ND4J with kept dimensions: {@code (array, axes) -> result of the kept shape}. */
    @FunctionalInterface
    private interface Kept {
        INDArray apply(INDArray x, int[] axes);
    }

    /** The gradient with respect to x from the incoming gradient and the output, both in the kept shape. */
    @FunctionalInterface
    private interface Spread {
        INDArray apply(INDArray gKept, INDArray outKept, INDArray x);
    }

    private static INDArray reduce(String op, INDArray x, int[] axis, boolean keepdims, Kept forward, Spread backward) {
        int[] axes = Axes.axes(op, "axis", axis, x.rank());
        long[] kept = Axes.kept(x.shape(), axes);
        INDArray outKept = axes.length == 0 ? x.dup() : forward.apply(x, axes).reshape(kept);
        INDArray out = keepdims ? outKept : outKept.reshape(Axes.removed(x.shape(), axes));
        if (out == outKept && !keepdims) {
            out = out.dup();
        }
        if (backward != null && DTypes.isFloat(x)) {
            Tape.record(out, (g, needs) -> new INDArray[]{
                    DTypes.as(backward.apply(g.reshape(kept), outKept, x), x.dataType())}, x);
        }
        return out;
    }

    private static INDArray spread(INDArray gKept, long[] shape) {
        return Broadcasting.to(gKept, shape);
    }

    /** The sum; bool arrays count their true entries (int32), as NumPy. */
    static INDArray sum(INDArray x, int[] axis, boolean keepdims) {
        INDArray v0 = x.dataType() == DataType.BOOL ? x.castTo(DataType.INT32) : x;
        return reduce("sum", v0, axis, keepdims, (v, a) -> v.sum(true, a), (g, o, v) -> spread(g, v.shape()).dup());
    }

    static INDArray mean(INDArray x, int[] axis, boolean keepdims) {
        return reduce("mean", DTypes.asFloat(x), axis, keepdims, (v, a) -> v.mean(true, a), (g, o, v) -> {
            long n = v.length() / Math.max(1, o.length());
            return spread(g, v.shape()).div(n);
        });
    }

    /** The maximum; the gradient is shared evenly among the elements equal to it (as JAX's reduce_max). */
    static INDArray max(INDArray x, int[] axis, boolean keepdims) {
        return reduce("max", x, axis, keepdims, (v, a) -> v.max(true, a), Reductions::chooser);
    }

    static INDArray min(INDArray x, int[] axis, boolean keepdims) {
        return reduce("min", x, axis, keepdims, (v, a) -> v.min(true, a), Reductions::chooser);
    }

    private static INDArray chooser(INDArray g, INDArray outKept, INDArray x) {
        INDArray hit = x.eq(spread(outKept, x.shape())).castTo(x.dataType());
        int[] axes = reducedAxes(x.shape(), outKept.shape());
        INDArray count = hit.sum(true, axes);
        return hit.muli(spread(g.div(count), x.shape()));
    }

    /** The product; its gradient is {@code g * prod / x} (elements equal to 0 are not supported by this formula). */
    static INDArray prod(INDArray x, int[] axis, boolean keepdims) {
        return reduce("prod", x, axis, keepdims, (v, a) -> v.prod(true, a),
                (g, o, v) -> spread(g.mul(o), v.shape()).div(v));
    }

    /** The population variance {@code mean(square(x - mean(x)))}, as {@code keras.ops.var}. */
    static INDArray var(INDArray x, int[] axis, boolean keepdims) {
        INDArray fx = DTypes.asFloat(x);
        INDArray centered = Arithmetic.subtract(fx, mean(fx, axis, true));
        return mean(ElementWise.square(centered), axis, keepdims);
    }

    static INDArray std(INDArray x, int[] axis, boolean keepdims) {
        return ElementWise.sqrt(var(x, axis, keepdims));
    }

    /** {@code log(sum(exp(x)))} computed stably as {@code m + log(sum(exp(x - m)))} with {@code m = max(x)}. */
    static INDArray logsumexp(INDArray x, int[] axis, boolean keepdims) {
        INDArray fx = DTypes.asFloat(x);
        int[] axes = Axes.axes("logsumexp", "axis", axis, fx.rank());
        INDArray m = axes.length == 0 ? fx.dup() : fx.max(true, axes).reshape(Axes.kept(fx.shape(), axes));
        BooleanIndexing.replaceWhere(m, 0.0, Conditions.isInfinite());
        INDArray s = sum(ElementWise.exp(Arithmetic.subtract(fx, m)), axis, true);
        INDArray out = Arithmetic.add(ElementWise.log(s), m);
        return keepdims ? out : ShapeOps.reshape(out, Axes.removed(fx.shape(), axes));
    }

    /** The index of the maximum along {@code axis} (of the flattened array when null), as {@code keras.ops.argmax}. */
    static INDArray argmax(INDArray x, Integer axis, boolean keepdims) {
        return argReduce("argmax", x, axis, keepdims, true);
    }

    static INDArray argmin(INDArray x, Integer axis, boolean keepdims) {
        return argReduce("argmin", x, axis, keepdims, false);
    }

    private static INDArray argReduce(String op, INDArray x, Integer axis, boolean keepdims, boolean max) {
        if (axis == null) {
            INDArray flat = x.reshape(x.length());
            INDArray idx = (max ? Nd4j.argMax(flat, 0) : Nd4j.argMin(flat, 0)).castTo(DataType.INT32);
            return keepdims ? idx.reshape(Axes.kept(x.shape(), Axes.axes(op, "axis", null, x.rank()))) : idx.reshape();
        }
        int a = Axes.axis(op, "axis", axis, x.rank());
        INDArray idx = (max ? Nd4j.argMax(x, a) : Nd4j.argMin(x, a)).castTo(DataType.INT32);
        int[] axes = {a};
        return idx.reshape(keepdims ? Axes.kept(x.shape(), axes) : Axes.removed(x.shape(), axes));
    }

    /** The axes where a kept-dims shape is 1 and the full shape is not. */
    private static int[] reducedAxes(long[] full, long[] kept) {
        return java.util.stream.IntStream.range(0, full.length).filter(i -> kept[i] == 1 && full[i] != 1).toArray();
    }

    /**
     * The running sum along {@code axis} (null: of the flattened array), as {@code keras.ops.cumsum}; the gradient is the
     * reversed running sum of the incoming gradient, {@code total - cumsum(g) + g}.
     */
    static INDArray cumsum(INDArray x, Integer axis) {
        if (axis == null) {
            return cumsum(ShapeOps.reshape(x, x.length()), 0);
        }
        int a = Axes.axis("cumsum", "axis", axis, x.rank());
        INDArray out = x.dup('c').cumsum(a);
        if (DTypes.isFloat(x)) {
            Tape.record(out, (g, needs) -> {
                INDArray total = Broadcasting.to(g.sum(true, a), g.shape());
                return new INDArray[]{total.sub(g.dup('c').cumsum(a)).addi(g)};
            }, x);
        }
        return out;
    }
}
