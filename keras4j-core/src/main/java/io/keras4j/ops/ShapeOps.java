package io.keras4j.ops;

import io.keras4j.backend.Layouts;
import io.keras4j.backend.Tape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shape manipulation, as keras/src/ops/numpy.py: {@code reshape}, {@code transpose}, {@code expand_dims},
 * {@code squeeze}, {@code concatenate}, {@code stack}, {@code split}, {@code tile}, {@code repeat} and {@code cast}.
 * Each gradient moves the incoming gradient back to the input's layout.
 */
final class ShapeOps {
    private ShapeOps() {
    }

    /** A new array object for {@code out} when ND4J returned {@code x} itself (tape ids go by identity). */
    private static INDArray fresh(INDArray out, INDArray x) {
        return out == x ? x.dup() : out;
    }

    /** {@code x} in the shape {@code newShape}, one entry of which may be -1 (inferred), as {@code keras.ops.reshape}. */
    static INDArray reshape(INDArray x, long... newShape) {
        long[] shape = resolve(x, newShape);
        INDArray out = fresh(dense(x).reshape('c', shape), x);
        Tape.record(out, (g, needs) -> new INDArray[]{g.dup('c').reshape('c', x.shape())}, x);
        return out;
    }

    /** {@code x} itself when dense in C order from its offset (so that a reshape is a view), else a C-order copy. */
    private static INDArray dense(INDArray x) {
        return Layouts.isDenseC(x) ? x : x.dup('c');
    }

    private static long[] resolve(INDArray x, long[] newShape) {
        long known = 1;
        int inferred = -1;
        for (int i = 0; i < newShape.length; i++) {
            if (newShape[i] == -1 && inferred < 0) {
                inferred = i;
            } else if (newShape[i] < 0) {
                throw new IllegalArgumentException("ops.reshape: invalid new shape " + Axes.shape(newShape)
                        + " (at most one -1, other sizes >= 0)");
            } else {
                known *= newShape[i];
            }
        }
        long[] shape = newShape.clone();
        if (inferred >= 0 && known > 0 && x.length() % known == 0) {
            shape[inferred] = x.length() / known;
        }
        if ((inferred >= 0 && (known == 0 || x.length() % known != 0)) || (inferred < 0 && known != x.length())) {
            throw new IllegalArgumentException("ops.reshape: cannot reshape an array of size " + x.length() + " and shape "
                    + Axes.shape(x.shape()) + " into shape " + Axes.shape(newShape));
        }
        return shape;
    }

    /** The axes permuted ({@code axes} null: reversed), as {@code keras.ops.transpose}. */
    static INDArray transpose(INDArray x, int[] axes) {
        int rank = x.rank();
        int[] perm;
        if (axes == null) {
            perm = new int[rank];
            Arrays.setAll(perm, i -> rank - 1 - i);
        } else {
            if (axes.length != rank) {
                throw new IllegalArgumentException("ops.transpose: axes " + Arrays.toString(axes) + " do not match an array of rank "
                        + rank + " (shape " + Axes.shape(x.shape()) + ")");
            }
            perm = new int[rank];
            boolean[] seen = new boolean[rank];
            for (int i = 0; i < rank; i++) {
                perm[i] = Axes.axis("transpose", "axes", axes[i], rank);
                if (seen[perm[i]]) {
                    throw new IllegalArgumentException("ops.transpose: repeated axis in axes " + Arrays.toString(axes));
                }
                seen[perm[i]] = true;
            }
        }
        if (rank < 2) {
            return reshape(x, x.shape());
        }
        INDArray out = x.permute(perm).dup('c');
        int[] inverse = Axes.inverse(perm);
        Tape.record(out, (g, needs) -> new INDArray[]{g.permute(inverse).dup('c')}, x);
        return out;
    }

    /** {@code x} with axes {@code axis1} and {@code axis2} interchanged, as {@code keras.ops.swapaxes}. */
    static INDArray swapaxes(INDArray x, int axis1, int axis2) {
        int a = Axes.axis("swapaxes", "axis1", axis1, x.rank());
        int b = Axes.axis("swapaxes", "axis2", axis2, x.rank());
        int[] perm = java.util.stream.IntStream.range(0, x.rank()).toArray();
        perm[a] = b;
        perm[b] = a;
        return transpose(x, perm);
    }

    /** Moves axis {@code source} to position {@code destination}, as {@code keras.ops.moveaxis}. */
    static INDArray moveaxis(INDArray x, int source, int destination) {
        int from = Axes.axis("moveaxis", "source", source, x.rank());
        int to = Axes.axis("moveaxis", "destination", destination, x.rank());
        return from == to ? reshape(x, x.shape()) : transpose(x, Axes.moveAxis(x.rank(), from, to));
    }

    /** {@code x} with a new axis of size 1 at {@code axis} (negative: counted in the result), as {@code expand_dims}. */
    static INDArray expandDims(INDArray x, int axis) {
        int a = Axes.axis("expand_dims", "axis", axis, x.rank() + 1);
        long[] shape = new long[x.rank() + 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            shape[i] = i == a ? 1 : x.size(j++);
        }
        return reshape(x, shape);
    }

    /** {@code x} without its axes of size 1 ({@code axis} null), or without the given ones, as {@code squeeze}. */
    static INDArray squeeze(INDArray x, int[] axis) {
        int[] axes;
        if (axis == null) {
            axes = java.util.stream.IntStream.range(0, x.rank()).filter(i -> x.size(i) == 1).toArray();
        } else {
            axes = Axes.axes("squeeze", "axis", axis, x.rank());
            for (int a : axes) {
                if (x.size(a) != 1) {
                    throw new IllegalArgumentException("ops.squeeze: cannot squeeze axis " + a + " of size " + x.size(a)
                            + " (shape " + Axes.shape(x.shape()) + "); only axes of size 1");
                }
            }
        }
        return reshape(x, Axes.removed(x.shape(), axes));
    }

    /** The arrays joined along an existing axis, as {@code keras.ops.concatenate}. */
    static INDArray concatenate(List<INDArray> xs, int axis) {
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("ops.concatenate: expected at least one array, got none");
        }
        INDArray first = xs.get(0);
        if (first.rank() == 0) {
            throw new IllegalArgumentException("ops.concatenate: zero-rank arrays cannot be concatenated");
        }
        int a = Axes.axis("concatenate", "axis", axis, first.rank());
        DataType type = first.dataType();
        for (int i = 1; i < xs.size(); i++) {
            INDArray x = xs.get(i);
            long[] s0 = first.shape().clone();
            long[] s1 = x.shape().clone();
            if (s1.length == s0.length) {
                s0[a] = 0;
                s1[a] = 0;
            }
            if (!Arrays.equals(s0, s1)) {
                throw new IllegalArgumentException("ops.concatenate: all arrays must have the same shape except on axis " + a
                        + "; array 0 has shape " + Axes.shape(first.shape()) + ", array " + i + " has shape "
                        + Axes.shape(x.shape()));
            }
            type = DTypes.result(type, x.dataType());
        }
        DataType t = type;
        INDArray[] arrays = xs.stream().map(x -> DTypes.as(x, t).dup('c')).toArray(INDArray[]::new);
        INDArray out = arrays.length == 1 ? arrays[0].dup() : Nd4j.concat(a, arrays);
        if (t.isFPType()) {
            Tape.record(xs.toArray(new INDArray[0]), new INDArray[]{out}, (gs, needs) -> {
                INDArray[] grads = new INDArray[xs.size()];
                long offset = 0;
                for (int i = 0; i < grads.length; i++) {
                    long n = xs.get(i).size(a);
                    if (needs[i] && DTypes.isFloat(xs.get(i))) {
                        INDArrayIndex[] index = NDArrayIndex.allFor(gs[0]);
                        index[a] = NDArrayIndex.interval(offset, offset + n);
                        grads[i] = DTypes.as(gs[0].get(index).dup('c'), xs.get(i).dataType());
                    }
                    offset += n;
                }
                return grads;
            });
        }
        return out;
    }

    /** The arrays, of one shape, joined along a new axis, as {@code keras.ops.stack}. */
    static INDArray stack(List<INDArray> xs, int axis) {
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("ops.stack: expected at least one array, got none");
        }
        for (int i = 1; i < xs.size(); i++) {
            if (!Arrays.equals(xs.get(0).shape(), xs.get(i).shape())) {
                throw new IllegalArgumentException("ops.stack: all arrays must have the same shape; array 0 has shape "
                        + Axes.shape(xs.get(0).shape()) + ", array " + i + " has shape " + Axes.shape(xs.get(i).shape()));
            }
        }
        int a = Axes.axis("stack", "axis", axis, xs.get(0).rank() + 1);
        List<INDArray> expanded = new ArrayList<>();
        for (INDArray x : xs) {
            expanded.add(expandDims(x, a));
        }
        return concatenate(expanded, a);
    }

    /** {@code x} split into {@code sections} equal parts along {@code axis}, as {@code keras.ops.split(x, n)}. */
    static List<INDArray> split(INDArray x, int sections, int axis) {
        int a = Axes.axis("split", "axis", axis, x.rank());
        if (sections <= 0 || x.size(a) % sections != 0) {
            throw new IllegalArgumentException("ops.split: axis " + a + " of size " + x.size(a) + " (shape " + Axes.shape(x.shape())
                    + ") cannot be split into " + sections + " equal sections");
        }
        long n = x.size(a) / sections;
        long[] indices = new long[sections - 1];
        Arrays.setAll(indices, i -> (i + 1) * n);
        return pieces(x, indices, a);
    }

    /** {@code x} split before each of the ascending {@code indices} along {@code axis}, as {@code split(x, [i, j])}. */
    static List<INDArray> split(INDArray x, long[] indices, int axis) {
        int a = Axes.axis("split", "axis", axis, x.rank());
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] > x.size(a) || (i > 0 && indices[i] < indices[i - 1])) {
                throw new IllegalArgumentException("ops.split: indices " + Arrays.toString(indices)
                        + " must be ascending within [0, " + x.size(a) + "] (axis " + a + " of shape " + Axes.shape(x.shape()) + ")");
            }
        }
        return pieces(x, indices, a);
    }

    private static List<INDArray> pieces(INDArray x, long[] indices, int axis) {
        List<INDArray> out = new ArrayList<>();
        long start = 0;
        for (int i = 0; i <= indices.length; i++) {
            long end = i < indices.length ? indices[i] : x.size(axis);
            long[] begin = new long[x.rank()];
            long[] size = x.shape().clone();
            begin[axis] = start;
            size[axis] = end - start;
            out.add(Slicing.slice(x, begin, size));
            start = end;
        }
        return out;
    }

    /** {@code x} repeated {@code repeats[i]} times along each axis, as {@code keras.ops.tile} (NumPy's rank rules). */
    static INDArray tile(INDArray x, long[] repeats) {
        for (long r : repeats) {
            if (r < 1) {
                throw new IllegalArgumentException("ops.tile: repeats must be >= 1, got " + Arrays.toString(repeats));
            }
        }
        int rank = Math.max(x.rank(), repeats.length);
        long[] shape = Broadcasting.lift(x.shape(), rank);
        long[] reps = Broadcasting.lift(repeats, rank);
        long[] interleaved = new long[2 * rank];
        long[] lifted = new long[2 * rank];
        long[] result = new long[rank];
        int[] repeatAxes = new int[rank];
        for (int i = 0; i < rank; i++) {
            interleaved[2 * i] = reps[i];
            interleaved[2 * i + 1] = shape[i];
            lifted[2 * i] = 1;
            lifted[2 * i + 1] = shape[i];
            result[i] = reps[i] * shape[i];
            repeatAxes[i] = 2 * i;
        }
        return spreadCopies(x, lifted, interleaved, result, repeatAxes);
    }

    /**
     * Each element of {@code x} repeated {@code repeats} times along {@code axis} (null: of the flattened array), as
     * {@code keras.ops.repeat} with an integer {@code repeats}.
     */
    static INDArray repeat(INDArray x, int repeats, Integer axis) {
        if (repeats < 0) {
            throw new IllegalArgumentException("ops.repeat: repeats must be >= 0, got " + repeats);
        }
        if (axis == null) {
            return repeat(reshape(x, x.length()), repeats, 0);
        }
        int a = Axes.axis("repeat", "axis", axis, x.rank());
        long[] lifted = new long[x.rank() + 1];
        long[] expanded = new long[x.rank() + 1];
        for (int i = 0, j = 0; i < lifted.length; i++) {
            lifted[i] = i == a + 1 ? 1 : x.size(j++);
            expanded[i] = i == a + 1 ? repeats : lifted[i];
        }
        long[] result = x.shape().clone();
        result[a] *= repeats;
        return spreadCopies(x, lifted, expanded, result, new int[]{a + 1});
    }

    /**
     * Element {@code i} along {@code axis} repeated {@code repeats[i]} times, as {@code keras.ops.repeat(x, repeats, axis)}
     * with one count per element (a gather).
     */
    static INDArray repeat(INDArray x, int[] repeats, int axis) {
        int a = Axes.axis("repeat", "axis", axis, x.rank());
        if (repeats.length != x.size(a)) {
            throw new IllegalArgumentException("ops.repeat: repeats must have one count per element of axis " + a + " (size "
                    + x.size(a) + ", shape " + Axes.shape(x.shape()) + "), got " + repeats.length + " counts");
        }
        long total = 0;
        for (int r : repeats) {
            if (r < 0) {
                throw new IllegalArgumentException("ops.repeat: repeats must be >= 0, got " + Arrays.toString(repeats));
            }
            total += r;
        }
        long[] idx = new long[Math.toIntExact(total)];
        int p = 0;
        for (int i = 0; i < repeats.length; i++) {
            for (int k = 0; k < repeats[i]; k++) {
                idx[p++] = i;
            }
        }
        return Indexing.take(x, Nd4j.createFromArray(idx), a);
    }

    /** {@code x} viewed as {@code lifted}, broadcast to {@code expanded} and read as {@code result}; the gradient sums the copies. */
    private static INDArray spreadCopies(INDArray x, long[] lifted, long[] expanded, long[] result, int[] copyAxes) {
        INDArray out = x.dup('c').reshape('c', lifted).broadcast(expanded).dup('c').reshape('c', result);
        Tape.record(out, (g, needs) -> new INDArray[]{g.dup('c').reshape('c', expanded).sum(true, copyAxes).reshape(x.shape())}, x);
        return out;
    }

    /** {@code x} as {@code dtype}, as {@code keras.ops.cast}; differentiable between float types. */
    static INDArray cast(INDArray x, String dtype) {
        DataType type = DTypes.parse("cast", dtype);
        INDArray out = x.castTo(type);
        out = fresh(out, x);
        if (type.isFPType() && DTypes.isFloat(x)) {
            Tape.record(out, (g, needs) -> new INDArray[]{g.castTo(x.dataType())}, x);
        }
        return out;
    }
}
