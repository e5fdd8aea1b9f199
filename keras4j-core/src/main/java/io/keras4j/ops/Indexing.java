package io.keras4j.ops;

import io.keras4j.backend.Backend;
import io.keras4j.backend.Tape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gathering by integer indices, as keras/src/ops/numpy.py {@code take} and {@code take_along_axis}, and
 * nn.py {@code one_hot}. {@code take} gathers rows with ND4J's {@code gather} (gradient: {@code scatter_add});
 * {@code take_along_axis} is a product with one-hot vectors summed over the axis, whose gradient is that of those ops.
 */
final class Indexing {
    private Indexing() {
    }

    /** {@code indices} as int64 within {@code [0, n)}, negative ones counted from the end; an error outside. */
    private static INDArray normalized(String op, INDArray indices, long n) {
        INDArray idx = indices.castTo(DataType.INT64);
        if (indices.dataType().isFPType() && !indices.eq(idx.castTo(indices.dataType())).all()) {
            throw new IllegalArgumentException("ops." + op + ": indices must be integers, got non-integral values");
        }
        if (idx.length() > 0) {
            long lo = idx.minNumber().longValue();
            long hi = idx.maxNumber().longValue();
            if (lo < -n || hi >= n) {
                throw new IllegalArgumentException("ops." + op + ": indices must be in [" + (-n) + ", " + n + ") for an axis of size "
                        + n + ", got values from " + lo + " to " + hi);
            }
        }
        return idx.add(idx.lt(0).castTo(DataType.INT64).muli(n));
    }

    /** {@code x} gathered at {@code indices} along {@code axis} (null: the flattened {@code x}), as {@code take}. */
    static INDArray take(INDArray x, INDArray indices, Integer axis) {
        if (axis == null) {
            return take(ShapeOps.reshape(x, x.length()), indices, 0);
        }
        int a = Axes.axis("take", "axis", axis, x.rank());
        long n = x.size(a);
        INDArray front = ShapeOps.moveaxis(x, a, 0);
        long[] rest = java.util.Arrays.copyOfRange(front.shape(), 1, front.rank());
        long restSize = java.util.Arrays.stream(rest).reduce(1, (p, q) -> p * q);
        INDArray rows = ShapeOps.reshape(front, n, restSize);
        INDArray gathered = gatherRows(rows, normalized("take", indices, n).reshape(indices.length()));
        long[] shape = concat(indices.shape(), rest);
        INDArray out = ShapeOps.reshape(gathered, shape);
        int k = indices.rank();
        if (a > 0) {
            int[] perm = new int[shape.length];
            int j = 0;
            for (int i = 0; i < a; i++) {
                perm[j++] = k + i;
            }
            for (int i = 0; i < k; i++) {
                perm[j++] = i;
            }
            for (int i = k + a; i < shape.length; i++) {
                perm[j++] = i;
            }
            out = ShapeOps.transpose(out, perm);
        }
        return out;
    }

    /**
     * {@code x} gathered along {@code axis} at {@code indices} of x's rank (other axes broadcast), as
     * {@code take_along_axis}; {@code axis} null gathers from the flattened {@code x}.
     */
    static INDArray takeAlongAxis(INDArray x, INDArray indices, Integer axis) {
        if (axis == null) {
            return takeAlongAxis(ShapeOps.reshape(x, x.length()), ShapeOps.reshape(indices, indices.length()), 0);
        }
        if (indices.rank() != x.rank()) {
            throw new IllegalArgumentException("ops.take_along_axis: indices must have the rank of x (" + x.rank() + "), got shape "
                    + Axes.shape(indices.shape()) + " for x of shape " + Axes.shape(x.shape()));
        }
        int a = Axes.axis("take_along_axis", "axis", axis, x.rank());
        long n = x.size(a);
        INDArray hot = oneHot(normalized("take_along_axis", indices, n), (int) n, -1, Backend.dtypeName(DTypes.floatOf(x)));
        INDArray xl = ShapeOps.expandDims(ShapeOps.moveaxis(DTypes.asFloat(x), a, -1), a);
        INDArray out = Reductions.sum(Arithmetic.multiply(hot, xl), new int[]{-1}, false);
        return DTypes.isFloat(x) ? out : DTypes.as(out, x.dataType());
    }

    /** One-hot vectors of {@code numClasses} along {@code axis} (-1: a new last axis), as {@code keras.ops.one_hot}. */
    static INDArray oneHot(INDArray x, int numClasses, int axis, String dtype) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("ops.one_hot: num_classes must be >= 1, got " + numClasses);
        }
        DataType type = dtype == null ? Backend.floatxType() : DTypes.parse("one_hot", dtype);
        INDArray idx = x.castTo(DataType.INT64);
        INDArray classes = Nd4j.arange(numClasses).castTo(DataType.INT64);
        long[] shape = concat(idx.shape(), new long[]{numClasses});
        INDArray hot = Broadcasting.to(idx.reshape(concat(idx.shape(), new long[]{1})), shape)
                .eq(Broadcasting.to(classes, shape)).castTo(type);
        int a = Axes.axis("one_hot", "axis", axis, x.rank() + 1);
        return a == x.rank() ? hot : hot.permute(Axes.moveAxis(x.rank() + 1, x.rank(), a)).dup('c');
    }

    /**
     * The rows {@code idx} (in-range int64, rank 1) of a matrix, by ND4J's {@code gather}; the gradient adds each
     * incoming row into the row it came from ({@code scatter_add}), so repeated indices accumulate.
     */
    private static INDArray gatherRows(INDArray matrix, INDArray idx) {
        INDArray m = matrix.dup('c');
        INDArray out = Nd4j.createUninitialized(m.dataType(), idx.length(), m.size(1));
        Nd4j.exec(DynamicCustomOp.builder("gather").addInputs(m, idx).addOutputs(out).addIntegerArguments(0).build());
        if (DTypes.isFloat(m)) {
            Tape.record(out, (g, needs) -> {
                INDArray dm = Nd4j.zeros(m.dataType(), m.shape());
                Nd4j.exec(DynamicCustomOp.builder("scatter_add").addInputs(dm, idx, g.dup('c')).addOutputs(dm).build());
                return new INDArray[]{dm};
            }, matrix);
        }
        return out;
    }

    static long[] concat(long[] a, long[] b) {
        long[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** {@code x} with the order of its elements reversed along {@code axis} (null: all axes), as {@code keras.ops.flip}. */
    static INDArray flip(INDArray x, int[] axis) {
        INDArray out = x;
        for (int a : Axes.axes("flip", "axis", axis, x.rank())) {
            long n = out.size(a);
            INDArray reversed = Nd4j.createUninitialized(DataType.INT64, n);
            for (long i = 0; i < n; i++) {
                reversed.putScalar(i, n - 1 - i);
            }
            out = take(out, reversed, a);
        }
        return out == x ? ShapeOps.reshape(x, x.shape()) : out;
    }
}
