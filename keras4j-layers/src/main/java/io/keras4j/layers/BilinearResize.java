package io.keras4j.layers;

import io.keras4j.backend.Blas;
import io.keras4j.engine.CallContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bilinear resizing with half-pixel centers and no antialiasing, as keras/src/ops/image.py {@code resize}
 * (TensorFlow's {@code resize_bilinear} with {@code half_pixel_centers=True}): output index {@code o} of an axis
 * resized from {@code n} to {@code m} reads the input at {@code c = (o + 0.5) n / m - 0.5}, interpolating between
 * {@code max(floor(c), 0)} and {@code min(ceil(c), n - 1)} with weight {@code c - floor(c)}.
 *
 * <p>The resize is separable: each axis is a matrix {@code A (m, n)} applied with one GEMM (the axis moved to
 * the front and the rest flattened); the backward pass applies {@code A^T} in reverse order.
 */
final class BilinearResize {
    private BilinearResize() {
    }

    /** The interpolation matrix of one axis, {@code (outSize, inSize)}. */
    static INDArray matrix(long inSize, long outSize, DataType dtype) {
        double[][] a = new double[(int) outSize][(int) inSize];
        float scale = (float) inSize / outSize;
        for (int o = 0; o < outSize; o++) {
            double c = (o + 0.5f) * scale - 0.5f;
            double floor = Math.floor(c);
            int lower = (int) Math.max(floor, 0);
            int upper = (int) Math.min(Math.ceil(c), inSize - 1);
            double lerp = c - floor;
            a[o][lower] += 1 - lerp;
            a[o][upper] += lerp;
        }
        return Nd4j.createFromArray(a).castTo(dtype);
    }

    /** {@code x} resized along {@code axes} to {@code sizes}, in a buffer of {@code ctx}. */
    static INDArray forward(INDArray x, int[] axes, long[] sizes, CallContext ctx) {
        INDArray y = x;
        INDArray[] matrices = new INDArray[axes.length];
        for (int i = 0; i < axes.length; i++) {
            matrices[i] = matrix(x.size(axes[i]), sizes[i], x.dataType());
            y = alongAxis(y, axes[i], matrices[i], false, ctx, "bilinear_" + i);
        }
        ctx.save("bilinear_matrices", matrices);
        return ctx.buffer("bilinear_out", y.dataType(), y.shape()).assign(y);
    }

    /** The gradient with respect to the input of {@link #forward}. */
    static INDArray backward(INDArray gradOutput, int[] axes, CallContext ctx) {
        INDArray[] matrices = ctx.saved("bilinear_matrices");
        INDArray g = gradOutput;
        for (int i = axes.length - 1; i >= 0; i--) {
            g = alongAxis(g, axes[i], matrices[i], true, ctx, "bilinear_grad_" + i);
        }
        return ctx.buffer("bilinear_dx", g.dataType(), g.shape()).assign(g);
    }

    /** {@code op(A)} applied to axis {@code axis} of {@code x}: a view of a GEMM result in a buffer. */
    private static INDArray alongAxis(INDArray x, int axis, INDArray a, boolean transpose, CallContext ctx, String key) {
        int rank = x.rank();
        int[] perm = new int[rank];
        perm[0] = axis;
        for (int d = 0, j = 1; d < rank; d++) {
            if (d != axis) {
                perm[j++] = d;
            }
        }
        INDArray front = x.permute(perm).dup('c');
        long rest = front.length() / front.size(0);
        long outSize = transpose ? a.size(1) : a.size(0);
        INDArray out = ctx.buffer(key, x.dataType(), outSize, rest);
        Blas.matmul(a, transpose, front.reshape('c', front.size(0), rest), false, out, 0.0);
        long[] shape = front.shape();
        shape[0] = outSize;
        int[] inverse = new int[rank];
        for (int i = 0; i < rank; i++) {
            inverse[perm[i]] = i;
        }
        return out.reshape('c', shape).permute(inverse);
    }
}
