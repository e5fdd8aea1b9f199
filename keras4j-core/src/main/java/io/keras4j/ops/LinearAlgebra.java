package io.keras4j.ops;

import io.keras4j.backend.Blas;
import io.keras4j.backend.Tape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Matrix products, as keras/src/ops/numpy.py {@code matmul}, {@code dot} and {@code tensordot}. {@code matmul}
 * follows NumPy: operands of rank >= 2 are stacks of matrices whose leading (batch) axes broadcast; a 1-D operand is
 * a vector (a row on the left, a column on the right, its axis removed from the result). Its gradient is
 * {@code dx = g @ y^T}, {@code dy = x^T @ g}, summed over broadcast batch axes.
 */
final class LinearAlgebra {
    private LinearAlgebra() {
    }

    static INDArray matmul(INDArray x, INDArray y) {
        if (x.rank() == 0 || y.rank() == 0) {
            throw new IllegalArgumentException("ops.matmul: operands must have rank >= 1, got shapes " + Axes.shape(x.shape())
                    + " and " + Axes.shape(y.shape()) + " (use multiply for scalars)");
        }
        if (x.rank() == 1 && y.rank() == 1) {
            return ShapeOps.reshape(matmul(ShapeOps.expandDims(x, 0), y), new long[0]);
        }
        if (x.rank() == 1) {
            return ShapeOps.squeeze(matmul(ShapeOps.expandDims(x, 0), y), new int[]{-2});
        }
        if (y.rank() == 1) {
            return ShapeOps.squeeze(matmul(x, ShapeOps.expandDims(y, -1)), new int[]{-1});
        }
        if (x.size(-1) != y.size(-2)) {
            throw new IllegalArgumentException("ops.matmul: x of shape " + Axes.shape(x.shape()) + " and y of shape "
                    + Axes.shape(y.shape()) + " are incompatible: the last axis of x (" + x.size(-1)
                    + ") must equal the second-to-last axis of y (" + y.size(-2) + ")");
        }
        DataType type = DTypes.result(x, y);
        if (!type.isFPType()) {
            return DTypes.as(matmul(x.castTo(DataType.DOUBLE), y.castTo(DataType.DOUBLE)), type);
        }
        INDArray a = DTypes.as(x, type);
        INDArray b = DTypes.as(y, type);
        return y.rank() == 2 ? flattened(x, y, a, b) : batched(x, y, a, b);
    }

    /** {@code (..., m, k) @ (k, n)}: one GEMM on {@code x} flattened to {@code (prod(...) * m, k)}. */
    private static INDArray flattened(INDArray x, INDArray y, INDArray a, INDArray b) {
        DataType type = a.dataType();
        INDArray x2 = a.rank() == 2 ? a : a.reshape('c', a.length() / a.size(-1), a.size(-1));
        INDArray out2 = Nd4j.createUninitialized(type, x2.size(0), b.size(1));
        Blas.matmul(x2, false, b, false, out2, 0.0);
        long[] shape = a.shape().clone();
        shape[shape.length - 1] = b.size(1);
        INDArray out = a.rank() == 2 ? out2 : out2.reshape(shape);
        Tape.record(out, (g, needs) -> {
            INDArray g2 = g.reshape('c', x2.size(0), b.size(1));
            INDArray dx = null;
            INDArray dy = null;
            if (needs[0]) {
                dx = Nd4j.createUninitialized(type, x2.size(0), x2.size(1));
                Blas.matmul(g2, false, b, true, dx, 0.0);
                dx = DTypes.as(dx.reshape(x.shape()), x.dataType());
            }
            if (needs[1]) {
                dy = Nd4j.createUninitialized(type, b.size(0), b.size(1));
                Blas.matmul(x2, true, g2, false, dy, 0.0);
                dy = DTypes.as(dy, y.dataType());
            }
            return new INDArray[]{dx, dy};
        }, x, y);
        return out;
    }

    /** Stacks of matrices with broadcast batch axes: one GEMM per batch entry. */
    private static INDArray batched(INDArray x, INDArray y, INDArray a, INDArray b) {
        long[] xBatch = Arrays.copyOf(a.shape(), a.rank() - 2);
        long[] yBatch = Arrays.copyOf(b.shape(), b.rank() - 2);
        long[] batch = Broadcasting.shape("matmul", xBatch, yBatch);
        long m = a.size(-2);
        long k = a.size(-1);
        long n = b.size(-1);
        INDArray a3 = stack3(a, batch, m, k);
        INDArray b3 = stack3(b, batch, k, n);
        INDArray out = gemms(a3, false, b3, false).reshape('c', Indexing.concat(batch, new long[]{m, n}));
        Tape.record(out, (g, needs) -> {
            INDArray g3 = g.dup('c').reshape('c', a3.size(0), m, n);
            INDArray dx = needs[0] ? Broadcasting.unbroadcast(gemms(g3, false, b3, true)
                    .reshape('c', Indexing.concat(batch, new long[]{m, k})), x) : null;
            INDArray dy = needs[1] ? Broadcasting.unbroadcast(gemms(a3, true, g3, false)
                    .reshape('c', Indexing.concat(batch, new long[]{k, n})), y) : null;
            return new INDArray[]{dx, dy};
        }, x, y);
        return out;
    }

    /** {@code x} broadcast to {@code batch + (r, c)} and viewed as a C-order {@code (prod(batch), r, c)} stack. */
    private static INDArray stack3(INDArray x, long[] batch, long r, long c) {
        long[] shape = Indexing.concat(batch, new long[]{r, c});
        long count = Arrays.stream(batch).reduce(1, (p, q) -> p * q);
        return Broadcasting.to(x, shape).dup('c').reshape('c', count, r, c);
    }

    /** {@code op(a[i]) @ op(b[i])} for each matrix of two equally long stacks. */
    private static INDArray gemms(INDArray a, boolean ta, INDArray b, boolean tb) {
        long rows = ta ? a.size(2) : a.size(1);
        long cols = tb ? b.size(1) : b.size(2);
        INDArray out = Nd4j.createUninitialized(a.dataType(), a.size(0), rows, cols);
        INDArray product = Nd4j.createUninitialized(a.dataType(), rows, cols);
        for (long i = 0; i < a.size(0); i++) {
            Blas.matmul(a.slice(i).dup('c'), ta, b.slice(i).dup('c'), tb, product, 0.0);
            out.slice(i).assign(product);
        }
        return out;
    }

    /**
     * NumPy's {@code dot}: a product with a scalar, the inner product of vectors, a matrix product for rank <= 2, else the
     * sum over the last axis of {@code x} and the second-to-last (or only) axis of {@code y}.
     */
    static INDArray dot(INDArray x, INDArray y) {
        if (x.rank() == 0 || y.rank() == 0) {
            return Arithmetic.multiply(x, y);
        }
        if (x.rank() <= 2 && y.rank() <= 2) {
            return matmul(x, y);
        }
        int yAxis = y.rank() == 1 ? 0 : y.rank() - 2;
        return tensordot(x, y, new int[]{x.rank() - 1}, new int[]{yAxis});
    }

    /** The sum over the last {@code axes} axes of {@code x} and the first {@code axes} of {@code y}, as {@code tensordot}. */
    static INDArray tensordot(INDArray x, INDArray y, int axes) {
        if (axes < 0 || axes > x.rank() || axes > y.rank()) {
            throw new IllegalArgumentException("ops.tensordot: axes " + axes + " must be in [0, min(rank)] for shapes "
                    + Axes.shape(x.shape()) + " and " + Axes.shape(y.shape()));
        }
        int[] xa = new int[axes];
        int[] ya = new int[axes];
        for (int i = 0; i < axes; i++) {
            xa[i] = x.rank() - axes + i;
            ya[i] = i;
        }
        return tensordot(x, y, xa, ya);
    }

    /** The sum over the paired axes {@code xAxes[i]} of {@code x} and {@code yAxes[i]} of {@code y}, as {@code tensordot}. */
    static INDArray tensordot(INDArray x, INDArray y, int[] xAxes, int[] yAxes) {
        if (xAxes.length != yAxes.length) {
            throw new IllegalArgumentException("ops.tensordot: axes must pair up, got " + Arrays.toString(xAxes) + " and "
                    + Arrays.toString(yAxes));
        }
        int[] xs = new int[xAxes.length];
        int[] ys = new int[yAxes.length];
        long contracted = 1;
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Axes.axis("tensordot", "axes", xAxes[i], x.rank());
            ys[i] = Axes.axis("tensordot", "axes", yAxes[i], y.rank());
            if (x.size(xs[i]) != y.size(ys[i])) {
                throw new IllegalArgumentException("ops.tensordot: shape mismatch for sum: axis " + xs[i] + " of x (shape "
                        + Axes.shape(x.shape()) + ") has size " + x.size(xs[i]) + " but axis " + ys[i] + " of y (shape "
                        + Axes.shape(y.shape()) + ") has size " + y.size(ys[i]));
            }
            contracted *= x.size(xs[i]);
        }
        int[] xFree = free(x.rank(), xs);
        int[] yFree = free(y.rank(), ys);
        long[] outShape = Indexing.concat(sizes(x, xFree), sizes(y, yFree));
        long xRows = Arrays.stream(sizes(x, xFree)).reduce(1, (p, q) -> p * q);
        long yCols = Arrays.stream(sizes(y, yFree)).reduce(1, (p, q) -> p * q);
        INDArray a = ShapeOps.reshape(ShapeOps.transpose(x, concat(xFree, xs)), xRows, contracted);
        INDArray b = ShapeOps.reshape(ShapeOps.transpose(y, concat(ys, yFree)), contracted, yCols);
        return ShapeOps.reshape(matmul(a, b), outShape);
    }

    private static int[] free(int rank, int[] used) {
        return java.util.stream.IntStream.range(0, rank).filter(i -> Arrays.stream(used).noneMatch(u -> u == i)).toArray();
    }

    private static long[] sizes(INDArray x, int[] axes) {
        return Arrays.stream(axes).mapToLong(x::size).toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * The 2-norm of vectors along {@code axis}, or the Frobenius norm over two axes or all ({@code axis} null), as
     * {@code keras.ops.norm(x, ord=None, axis, keepdims)}: {@code sqrt(sum(x^2))}.
     */
    static INDArray norm(INDArray x, int[] axis, boolean keepdims) {
        return ElementWise.sqrt(Reductions.sum(ElementWise.square(DTypes.asFloat(x)), axis, keepdims));
    }

    /** The outer product of the flattened {@code x} and {@code y}, as {@code keras.ops.outer}. */
    static INDArray outer(INDArray x, INDArray y) {
        return Arithmetic.multiply(ShapeOps.reshape(x, x.length(), 1), ShapeOps.reshape(y, 1, y.length()));
    }

    /** {@code x} with the elements above diagonal {@code k} of its last two axes set to 0, as {@code keras.ops.tril}. */
    static INDArray tril(INDArray x, int k) {
        return triangle("tril", x, k, true);
    }

    /** {@code x} with the elements below diagonal {@code k} of its last two axes set to 0, as {@code keras.ops.triu}. */
    static INDArray triu(INDArray x, int k) {
        return triangle("triu", x, k, false);
    }

    private static INDArray triangle(String op, INDArray x, int k, boolean lower) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("ops." + op + ": x must have rank >= 2, got shape " + Axes.shape(x.shape()));
        }
        long rows = x.size(-2);
        long cols = x.size(-1);
        INDArray mask = Nd4j.createUninitialized(x.dataType(), rows, cols);
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < cols; j++) {
                mask.putScalar(i, j, (lower ? j - i <= k : j - i >= k) ? 1 : 0);
            }
        }
        return Arithmetic.multiply(x, mask);
    }
}
