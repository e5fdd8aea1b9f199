package io.keras4j.ops;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.backend.Backend;
import io.keras4j.backend.Tape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The eager computations that operation nodes run and {@link Ops} does not offer yet, each recording its gradient on
 * the active tape beside its forward pass (so that a graph through operation nodes trains). Formulas and gradients
 * are TensorFlow's (keras.ops on the TensorFlow backend): ties of {@code maximum}/{@code max} send the gradient as
 * {@code tf.maximum}/{@code tf.reduce_max} do.
 */
final class OpKernels {
    private OpKernels() {
    }

    // ---- element-wise ------------------------------------------------------------------------

    /** A {@code keras.activations} function (relu, sigmoid, hard_sigmoid, hard_silu, exponential) with its gradient. */
    static INDArray activation(String name, INDArray x) {
        INDArray xf = floating(x);
        ActivationFunction f = Activations.get(name);
        INDArray out = f.apply(xf);
        Tape.record(out, (g, needs) -> {
            INDArray dx = xf.ulike();
            f.gradient(xf, out, g, dx);
            return new INDArray[]{dx};
        }, xf);
        return out;
    }

    static INDArray negative(INDArray x) {
        INDArray out = x.neg();
        Tape.record(out, (g, needs) -> new INDArray[]{g.neg()}, x);
        return out;
    }

    static INDArray sqrt(INDArray x) {
        INDArray xf = floating(x);
        INDArray out = Transforms.sqrt(xf, true);
        Tape.record(out, (g, needs) -> new INDArray[]{g.mul(0.5).divi(out)}, xf);
        return out;
    }

    static INDArray abs(INDArray x) {
        INDArray out = Transforms.abs(x, true);
        Tape.record(out, (g, needs) -> new INDArray[]{g.mul(Transforms.sign(x, true))}, x);
        return out;
    }

    static INDArray log(INDArray x) {
        INDArray xf = floating(x);
        INDArray out = Transforms.log(xf, true);
        Tape.record(out, (g, needs) -> new INDArray[]{g.div(xf)}, xf);
        return out;
    }

    /** {@code x / y} (true division), broadcasting. */
    static INDArray divide(INDArray x, INDArray y) {
        long[] shape = Broadcasting.shape("divide", x.shape(), y.shape());
        INDArray bx = Broadcasting.to(floating(x), shape);
        INDArray by = Broadcasting.to(floating(y), shape);
        INDArray out = bx.div(by);
        Tape.record(out, (g, needs) -> new INDArray[]{
                needs[0] ? Broadcasting.reduce(g.div(by), x.shape()) : null,
                needs[1] ? Broadcasting.reduce(g.mul(out).divi(by).negi(), y.shape()) : null}, x, y);
        return out;
    }

    /** {@code x ** y}, broadcasting; {@code d/dy = x^y ln x}. */
    static INDArray power(INDArray x, INDArray y) {
        long[] shape = Broadcasting.shape("power", x.shape(), y.shape());
        INDArray bx = Broadcasting.to(floating(x), shape);
        INDArray by = Broadcasting.to(y.castTo(bx.dataType()), shape);
        INDArray out = Transforms.pow(bx, by, true);
        Tape.record(out, (g, needs) -> new INDArray[]{
                needs[0] ? Broadcasting.reduce(g.mul(by).muli(Transforms.pow(bx, by.sub(1), true)), x.shape()) : null,
                needs[1] ? Broadcasting.reduce(g.mul(out).muli(Transforms.log(bx, true)), y.shape()) : null}, x, y);
        return out;
    }

    /**
     * {@code maximum(x, y)} (or {@code minimum}), broadcasting; the gradient goes to {@code x} where
     * {@code x >= y} ({@code x <= y}), as TensorFlow's.
     */
    static INDArray extremum(INDArray x, INDArray y, boolean max) {
        long[] shape = Broadcasting.shape(max ? "maximum" : "minimum", x.shape(), y.shape());
        INDArray bx = Broadcasting.to(x, shape);
        INDArray by = Broadcasting.to(y, shape);
        INDArray diff = bx.sub(by);
        INDArray takeX = (max ? diff.gte(0) : diff.lte(0)).castTo(bx.dataType());
        INDArray out = bx.mul(takeX).addi(by.mul(takeX.rsub(1)));
        Tape.record(out, (g, needs) -> new INDArray[]{
                needs[0] ? Broadcasting.reduce(g.mul(takeX), x.shape()) : null,
                needs[1] ? Broadcasting.reduce(g.mul(takeX.rsub(1)), y.shape()) : null}, x, y);
        return out;
    }

    /** {@code x == y} or {@code x != y}, broadcasting, as a bool array (no gradient). */
    static INDArray compare(INDArray x, INDArray y, boolean equal) {
        long[] shape = Broadcasting.shape(equal ? "equal" : "not_equal", x.shape(), y.shape());
        INDArray bx = Broadcasting.to(x, shape);
        INDArray by = Broadcasting.to(y, shape);
        INDArray out = equal ? bx.eq(by) : bx.neq(by);
        Tape.record(out, (g, needs) -> new INDArray[2], x, y);
        return out;
    }

    /** {@code x} as {@code dtype}; the gradient flows back only between floating types. */
    static INDArray cast(INDArray x, DataType dtype) {
        INDArray out = x.castTo(dtype);
        boolean differentiable = x.dataType().isFPType() && dtype.isFPType();
        Tape.record(out, (g, needs) -> new INDArray[]{differentiable ? g.castTo(x.dataType()) : null}, x);
        return out;
    }

    /** Softmax along {@code axis}: {@code exp(x - max) / sum(exp(x - max))}; gradient {@code y * (g - sum(g * y))}. */
    static INDArray softmax(INDArray x, int axis) {
        INDArray xf = floating(x);
        int a = axis(axis, xf.rank(), "softmax");
        INDArray shifted = xf.sub(Broadcasting.to(xf.max(true, a), xf.shape()));
        INDArray e = Transforms.exp(shifted, false);
        INDArray out = e.divi(Broadcasting.to(e.sum(true, a), xf.shape()));
        Tape.record(out, (g, needs) -> {
            INDArray s = Broadcasting.to(g.mul(out).sum(true, a), xf.shape());
            return new INDArray[]{g.sub(s).muli(out)};
        }, xf);
        return out;
    }

    // ---- reductions --------------------------------------------------------------------------

    /** The kinds of reduction. */
    enum Reduction { SUM, MEAN, MAX, MIN }

    /**
     * {@code sum}/{@code mean}/{@code max}/{@code min} over {@code axes} (null: all), keeping reduced axes as 1 with
     * {@code keepdims}. The gradient of max/min is shared equally among the elements that attain it.
     */
    static INDArray reduce(INDArray x, Reduction kind, int[] axes, boolean keepdims) {
        String op = kind.name().toLowerCase();
        int[] a = axes == null ? range(x.rank()) : normalizeAxes(axes, x.rank(), op);
        INDArray xf = kind == Reduction.MEAN ? floating(x) : x;
        INDArray kept;
        switch (kind) {
            case SUM: kept = a.length == 0 ? xf.dup() : xf.sum(true, a); break;
            case MEAN: kept = a.length == 0 ? xf.dup() : xf.mean(true, a); break;
            case MAX: kept = a.length == 0 ? xf.dup() : xf.max(true, a); break;
            default: kept = a.length == 0 ? xf.dup() : xf.min(true, a); break;
        }
        long[] keptShape = keptShape(x.shape(), a);
        kept = kept.reshape(keptShape);
        INDArray out = keepdims ? kept : kept.reshape(dropAxes(x.shape(), a));
        INDArray keptOut = kept;
        long count = 1;
        for (int axis : a) {
            count *= x.size(axis);
        }
        long n = count;
        Tape.record(out, (g, needs) -> {
            INDArray gb = Broadcasting.to(g.reshape(keptShape), xf.shape());
            switch (kind) {
                case SUM: return new INDArray[]{gb.dup()};
                case MEAN: return new INDArray[]{gb.div(n)};
                default:
                    INDArray hit = xf.eq(Broadcasting.to(keptOut, xf.shape())).castTo(xf.dataType());
                    INDArray ties = Broadcasting.to(hit.sum(true, a).reshape(keptShape), xf.shape());
                    return new INDArray[]{gb.mul(hit).divi(ties)};
            }
        }, xf);
        return out;
    }

    // ---- shapes ------------------------------------------------------------------------------

    /** {@code x} in a new shape with at most one -1 (inferred), as {@code keras.ops.reshape}. */
    static INDArray reshape(INDArray x, long[] newShape) {
        long[] shape = newShape.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("ops.reshape: at most one -1 in the new shape, got " + Arrays.toString(newShape));
                }
                unknown = i;
            } else {
                known *= shape[i];
            }
        }
        if (unknown >= 0) {
            shape[unknown] = known == 0 ? 0 : x.length() / known;
        }
        if (Arrays.stream(shape).reduce(1, (p, d) -> p * d) != x.length()) {
            throw new IllegalArgumentException("ops.reshape: cannot reshape an array of shape " + Arrays.toString(x.shape())
                    + " into shape " + Arrays.toString(newShape));
        }
        INDArray out = x.dup('c').reshape('c', shape);
        Tape.record(out, (g, needs) -> new INDArray[]{g.dup('c').reshape('c', x.shape())}, x);
        return out;
    }

    /** {@code x} with its axes permuted ({@code null}: reversed), as {@code keras.ops.transpose}. */
    static INDArray transpose(INDArray x, int[] axes) {
        int[] perm = axes == null ? reversed(x.rank()) : normalizeAxes(axes, x.rank(), "transpose");
        if (perm.length != x.rank()) {
            throw new IllegalArgumentException("ops.transpose: axes " + Arrays.toString(axes) + " do not match an input of rank " + x.rank());
        }
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[perm[i]] = i;
        }
        INDArray out = x.permute(perm).dup('c');
        Tape.record(out, (g, needs) -> new INDArray[]{g.permute(inverse).dup('c')}, x);
        return out;
    }

    /** {@code x} with a new axis of size 1 at {@code axis}. */
    static INDArray expandDims(INDArray x, int axis) {
        int rank = x.rank() + 1;
        int a = axis(axis, rank, "expand_dims");
        List<Long> shape = new ArrayList<>();
        for (long d : x.shape()) {
            shape.add(d);
        }
        shape.add(a, 1L);
        return reshape(x, shape.stream().mapToLong(Long::longValue).toArray());
    }

    /** {@code x} without the given axes of size 1 ({@code null}: all of them). */
    static INDArray squeeze(INDArray x, int[] axes) {
        int[] a = axes == null ? null : normalizeAxes(axes, x.rank(), "squeeze");
        List<Long> shape = new ArrayList<>();
        for (int i = 0; i < x.rank(); i++) {
            final int axis = i;
            boolean drop = a == null ? x.size(i) == 1 : Arrays.stream(a).anyMatch(v -> v == axis);
            if (drop && x.size(i) != 1) {
                throw new IllegalArgumentException("ops.squeeze: cannot squeeze axis " + i + " of size " + x.size(i)
                        + " (input shape " + Arrays.toString(x.shape()) + ")");
            }
            if (!drop) {
                shape.add(x.size(i));
            }
        }
        return reshape(x, shape.stream().mapToLong(Long::longValue).toArray());
    }

    /** The arrays joined along {@code axis}, as {@code keras.ops.concatenate}. */
    static INDArray concatenate(List<INDArray> xs, int axis) {
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("ops.concatenate: expected at least one array");
        }
        int a = axis(axis, xs.get(0).rank(), "concatenate");
        DataType dtype = xs.get(0).dataType();
        for (INDArray x : xs) {
            dtype = resultType(dtype, x.dataType());
        }
        INDArray[] parts = new INDArray[xs.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = xs.get(i).castTo(dtype);
        }
        INDArray out = Nd4j.concat(a, parts);
        Tape.record(parts, new INDArray[]{out}, (gs, needs) -> {
            INDArray[] grads = new INDArray[parts.length];
            long offset = 0;
            for (int i = 0; i < parts.length; i++) {
                long size = parts[i].size(a);
                INDArrayIndex[] index = NDArrayIndex.allFor(gs[0]);
                index[a] = NDArrayIndex.interval(offset, offset + size);
                grads[i] = needs[i] ? gs[0].get(index).dup('c') : null;
                offset += size;
            }
            return grads;
        });
        return out;
    }

    /** {@code x[key]}: slices, integers, None (new axis) and one Ellipsis, as {@code keras.ops} {@code GetItem}. */
    static INDArray getItem(INDArray x, List<Object> key) {
        int consumed = 0;
        int ellipses = 0;
        for (Object k : key) {
            if (k instanceof Slice || k instanceof Integer) {
                consumed++;
            } else if (k == Ellipsis.INSTANCE) {
                ellipses++;
            } else if (k != null) {
                throw new IllegalArgumentException("ops.get_item: unsupported index element " + k
                        + " (supported: slices, integers, None, Ellipsis)");
            }
        }
        if (consumed > x.rank() || ellipses > 1) {
            throw new IllegalArgumentException("ops.get_item: index " + key + " does not fit an array of shape " + Arrays.toString(x.shape()));
        }
        List<INDArrayIndex> index = new ArrayList<>();
        List<Long> outShape = new ArrayList<>();
        int axis = 0;
        boolean empty = false;
        List<Object> full = new ArrayList<>(key);
        if (ellipses == 0) {
            full.add(Ellipsis.INSTANCE);
        }
        for (Object k : full) {
            if (k == Ellipsis.INSTANCE) {
                for (int i = 0; i < x.rank() - consumed; i++, axis++) {
                    index.add(NDArrayIndex.all());
                    outShape.add(x.size(axis));
                }
            } else if (k == null) {
                outShape.add(1L);
            } else if (k instanceof Integer) {
                long n = x.size(axis);
                long i = (Integer) k < 0 ? (Integer) k + n : (Integer) k;
                if (i < 0 || i >= n) {
                    throw new IndexOutOfBoundsException("ops.get_item: index " + k + " is out of bounds for axis " + axis + " with size " + n);
                }
                index.add(NDArrayIndex.point(i));
                axis++;
            } else {
                long[] range = ((Slice) k).resolve(x.size(axis));
                long length = Math.max(0, (range[1] - range[0] + range[2] - 1) / range[2]);
                empty |= length == 0;
                index.add(length == 0 ? NDArrayIndex.all() : NDArrayIndex.interval(range[0], range[2], range[1]));
                outShape.add(length);
                axis++;
            }
        }
        long[] shape = outShape.stream().mapToLong(Long::longValue).toArray();
        INDArrayIndex[] idx = index.toArray(new INDArrayIndex[0]);
        if (empty) {
            return Nd4j.create(x.dataType(), shape);
        }
        INDArray out = x.get(idx).dup('c').reshape('c', shape);
        Tape.record(out, (g, needs) -> {
            INDArray dx = x.ulike().assign(0);
            INDArray view = dx.get(idx);
            view.assign(g.reshape('c', view.shape()));
            return new INDArray[]{dx};
        }, x);
        return out;
    }

    // ---- linear algebra ------------------------------------------------------------------------

    /** The matrix product over the last two axes, batched over leading axes of equal size, as {@code keras.ops.matmul}. */
    static INDArray matmul(INDArray x, INDArray y) {
        if (y.rank() == 2 && x.rank() >= 2) {
            return Ops.matmul(x, y);
        }
        if (x.rank() != y.rank() || x.rank() < 2 || !Arrays.equals(Arrays.copyOf(x.shape(), x.rank() - 2), Arrays.copyOf(y.shape(), y.rank() - 2))
                || x.size(-1) != y.size(-2)) {
            throw new IllegalArgumentException("ops.matmul: expected x of shape (..., m, k) and y of shape (..., k, n) with the same "
                    + "leading axes, or y of rank 2, got " + Arrays.toString(x.shape()) + " and " + Arrays.toString(y.shape()));
        }
        INDArray out = Nd4j.matmul(x, y);
        Tape.record(out, (g, needs) -> new INDArray[]{
                needs[0] ? Nd4j.matmul(g, y, false, true, false) : null,
                needs[1] ? Nd4j.matmul(x, g, true, false, false) : null}, x, y);
        return out;
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** {@code x} itself if floating, else cast to floatx (as Keras promotes integers in true division, sqrt, log). */
    static INDArray floating(INDArray x) {
        return x.dataType().isFPType() ? x : x.castTo(Backend.floatxType());
    }

    /** The type two operands are computed in: the floating one (the wider of two), else the wider integer. */
    static DataType resultType(DataType a, DataType b) {
        if (a == b) {
            return a;
        }
        if (a.isFPType() != b.isFPType()) {
            return a.isFPType() ? a : b;
        }
        return a.width() >= b.width() ? a : b;
    }

    /** A constant as a scalar array for an operation with {@code other}: of its dtype, or floatx for a fractional constant. */
    static INDArray scalar(Number value, DataType other) {
        boolean integral = value instanceof Integer || value instanceof Long;
        DataType dtype = other.isFPType() || integral && other.isIntType() ? other : Backend.floatxType();
        return Nd4j.scalar(dtype, value.doubleValue());
    }

    static int axis(int axis, int rank, String op) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("ops." + op + ": axis " + axis + " is out of bounds for an array of rank " + rank);
        }
        return a;
    }

    private static int[] normalizeAxes(int[] axes, int rank, String op) {
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = axis(axes[i], rank, op);
        }
        return out;
    }

    private static int[] range(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private static int[] reversed(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = n - 1 - i;
        }
        return out;
    }

    private static long[] keptShape(long[] shape, int[] axes) {
        long[] out = shape.clone();
        for (int a : axes) {
            out[a] = 1;
        }
        return out;
    }

    private static long[] dropAxes(long[] shape, int[] axes) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < shape.length; i++) {
            final int axis = i;
            if (Arrays.stream(axes).noneMatch(a -> a == axis)) {
                out.add(shape[i]);
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }
}
