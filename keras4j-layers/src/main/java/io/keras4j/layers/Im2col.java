package io.keras4j.layers;

import io.keras4j.backend.Blas;
import io.keras4j.engine.CallContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Channels-last convolution geometry on GEMMs: patches of {@code (batch, spatial..., channels)} inputs are
 * copied into a columns array {@code (batch, out..., k..., channels)} that, viewed as a matrix
 * {@code (batch * prod(out), prod(k) * channels)}, multiplies a Keras kernel {@code (k..., in, out)} viewed
 * as {@code (prod(k) * in, out)} without any reordering.
 *
 * <p>Each copy moves one kernel offset for the whole batch at once (contiguous channel runs), which ND4J
 * does quickly; the input gradient is computed the same way, as a stride-1 convolution of the
 * zero-dilated output gradient with the spatially flipped, transposed kernel, so no strided
 * accumulation (slow in ND4J) is ever needed. Measured on mnist_convnet's second layer: ~3x faster
 * backward than ND4J's conv2d_bp.
 */
final class Im2col {
    /** Kernel size, strides, dilation rate and padding ("valid", "same" or "causal") per spatial axis. */
    record Geometry(int[] k, int[] s, int[] d, String padding) {
    }

    private Im2col() {
    }

    /**
     * The patches of a channels-last {@code x} (batch, in..., c) for a convolution with output lengths
     * {@code out}: (batch, out..., k..., c), zero-padded as Keras pads.
     */
    static INDArray columns(CallContext ctx, String key, INDArray x, long[] out, Geometry g) {
        int r = out.length;
        long[] in = spatial(x.shape());
        long[] before = padBefore(in, out, g.k(), g.s(), g.d(), g.padding());
        long[] cov = covered(out, g.k(), g.s(), g.d());
        long[] size = new long[r];
        for (int i = 0; i < r; i++) {
            size[i] = Math.max(cov[i], before[i] + in[i]);
        }
        INDArray xpad = place(ctx, key + "_pad", x, size, before, ConvUtils.filled(r, 1));
        INDArray cols = ctx.buffer(key, x.dataType(), colsShape(x.size(0), out, g.k(), x.size(r + 1)));
        im2col(xpad, g.k(), g.s(), g.d(), out, cols);
        return cols;
    }

    /** {@code a} viewed as a matrix of {@code rows} rows. */
    static INDArray matrix(INDArray a, long rows) {
        return a.reshape(rows, a.length() / rows);
    }

    /**
     * The input gradient of a convolution of inputs (batch, in..., c) by the kernel {@code w} (k..., c, f), given the
     * output gradient {@code dz} (batch, out..., f): a stride-1 convolution of {@code dz} dilated by the strides and
     * padded by {@code dilation * (k - 1)}, with the flipped transposed kernel, cropped to the input.
     */
    static INDArray inputGradient(CallContext ctx, String key, INDArray dz, INDArray w, long[] in, long[] out, Geometry g) {
        int r = out.length;
        long n = dz.size(0);
        long channels = w.size(r);
        long filters = w.size(r + 1);
        long[] before = padBefore(in, out, g.k(), g.s(), g.d(), g.padding());
        long[] cov = covered(out, g.k(), g.s(), g.d());
        long[] size = new long[r];
        long[] offset = new long[r];
        for (int i = 0; i < r; i++) {
            offset[i] = (long) (g.k()[i] - 1) * g.d()[i];
            size[i] = cov[i] + offset[i];
        }
        INDArray dzd = place(ctx, key + "_dilated", dz, size, offset, g.s());
        INDArray cols = ctx.buffer(key + "_cols", dz.dataType(), colsShape(n, cov, g.k(), filters));
        im2col(dzd, g.k(), ConvUtils.filled(r, 1), g.d(), cov, cols);
        long rows = n * product(cov);
        long[] flippedShape = w.shape().clone();
        flippedShape[r] = filters;
        flippedShape[r + 1] = channels;
        INDArray flipped = flipTranspose(w, ctx.buffer(key + "_w_flipped", dz.dataType(), flippedShape));
        INDArray dxCovered = ctx.buffer(key + "_covered", dz.dataType(), rows, channels);
        Blas.matmul(matrix(cols, rows), false, matrix(flipped, cols.length() / rows), false, dxCovered, 0.0);
        INDArray covered = dxCovered.reshape(shape(n, cov, channels));
        boolean exact = true;
        INDArrayIndex[] dst = all(r + 2);
        INDArrayIndex[] src = all(r + 2);
        for (int i = 0; i < r; i++) {
            long count = Math.min(in[i], cov[i] - before[i]);
            exact &= before[i] == 0 && count == in[i] && cov[i] == in[i];
            dst[i + 1] = NDArrayIndex.interval(0, count);
            src[i + 1] = NDArrayIndex.interval(before[i], before[i] + count);
        }
        if (exact) {
            return covered;
        }
        INDArray dx = ctx.buffer(key, dz.dataType(), shape(n, in, channels)).assign(0);
        dx.get(dst).assign(covered.get(src));
        return dx;
    }

    /**
     * A grouped kernel (k..., c / groups, f) expanded to the block-diagonal full kernel (k..., c, f) the GEMM
     * takes: each group of {@code f / groups} filters sees only its group of input channels.
     */
    static INDArray expandGroups(CallContext ctx, String key, INDArray k, int groups) {
        if (groups == 1) {
            return k;
        }
        int r = k.rank() - 2;
        long[] shape = k.shape().clone();
        shape[r] *= groups;
        INDArray full = ctx.buffer(key, k.dataType(), shape).assign(0);
        for (int g = 0; g < groups; g++) {
            full.get(groupBlock(k, g, groups)).assign(k.get(groupColumns(k, g, groups)));
        }
        return full;
    }

    /** Writes ({@code beta} 0) or adds the diagonal blocks of a full kernel gradient {@code dw} into the grouped {@code target}. */
    static void collapseGroups(INDArray dw, INDArray target, int groups, double beta) {
        for (int g = 0; g < groups; g++) {
            INDArray block = dw.get(groupBlock(target, g, groups));
            INDArray dest = target.get(groupColumns(target, g, groups));
            if (beta == 0.0) {
                dest.assign(block);
            } else {
                dest.addi(block);
            }
        }
    }

    private static INDArrayIndex[] groupBlock(INDArray k, int g, int groups) {
        int r = k.rank() - 2;
        long in = k.size(r);
        INDArrayIndex[] idx = groupColumns(k, g, groups);
        idx[r] = NDArrayIndex.interval(g * in, (g + 1) * in);
        return idx;
    }

    private static INDArrayIndex[] groupColumns(INDArray k, int g, int groups) {
        int r = k.rank() - 2;
        long out = k.size(r + 1) / groups;
        INDArrayIndex[] idx = all(r + 2);
        idx[r + 1] = NDArrayIndex.interval(g * out, (g + 1) * out);
        return idx;
    }

    /** The spatial lengths of a (batch, spatial..., channels) shape. */
    static long[] spatial(long[] channelsLastShape) {
        return java.util.Arrays.copyOfRange(channelsLastShape, 1, channelsLastShape.length - 1);
    }

    /** The shape (n, spatial..., c). */
    static long[] shape(long n, long[] spatial, long c) {
        long[] out = new long[spatial.length + 2];
        out[0] = n;
        System.arraycopy(spatial, 0, out, 1, spatial.length);
        out[out.length - 1] = c;
        return out;
    }

    private static long[] colsShape(long n, long[] spatial, int[] k, long c) {
        long[] out = new long[2 * spatial.length + 2];
        out[0] = n;
        for (int i = 0; i < spatial.length; i++) {
            out[1 + i] = spatial[i];
            out[1 + spatial.length + i] = k[i];
        }
        out[out.length - 1] = c;
        return out;
    }

    /** Padding before each spatial axis: Keras's "same" puts {@code floor(total / 2)} before, "causal" all of it. */
    static long[] padBefore(long[] in, long[] out, int[] k, int[] s, int[] d, String padding) {
        long[] before = new long[in.length];
        for (int i = 0; i < in.length; i++) {
            long total = Math.max((out[i] - 1) * s[i] + (long) (k[i] - 1) * d[i] + 1 - in[i], 0);
            before[i] = switch (padding) {
                case "same" -> total / 2;
                case "causal" -> (long) (k[i] - 1) * d[i];
                default -> 0;
            };
        }
        return before;
    }

    /** The extent of the padded input a convolution reads: {@code (out - 1) * s + (k - 1) * d + 1} per axis. */
    static long[] covered(long[] out, int[] k, int[] s, int[] d) {
        long[] cov = new long[out.length];
        for (int i = 0; i < out.length; i++) {
            cov[i] = (out[i] - 1) * s[i] + (long) (k[i] - 1) * d[i] + 1;
        }
        return cov;
    }

    /**
     * Copies {@code x} (batch, in..., c) into a zeroed buffer (batch, size..., c) starting at {@code offset},
     * every {@code step} cells; parts outside the buffer are dropped. Returns {@code x} itself when nothing moves.
     */
    static INDArray place(CallContext ctx, String key, INDArray x, long[] size, long[] offset, int[] step) {
        int r = size.length;
        boolean identity = true;
        for (int i = 0; i < r; i++) {
            identity &= size[i] == x.size(i + 1) && offset[i] == 0 && step[i] == 1;
        }
        if (identity) {
            return x;
        }
        long[] shape = new long[r + 2];
        shape[0] = x.size(0);
        shape[r + 1] = x.size(r + 1);
        System.arraycopy(size, 0, shape, 1, r);
        INDArray buffer = ctx.buffer(key, x.dataType(), shape).assign(0);
        INDArrayIndex[] dst = all(r + 2);
        INDArrayIndex[] src = all(r + 2);
        for (int i = 0; i < r; i++) {
            long n = Math.min(x.size(i + 1), (size[i] - offset[i] + step[i] - 1) / step[i]);
            if (n <= 0) {
                return buffer;
            }
            dst[i + 1] = NDArrayIndex.interval(offset[i], step[i], offset[i] + (n - 1) * step[i] + 1);
            src[i + 1] = NDArrayIndex.interval(0, n);
        }
        buffer.get(dst).assign(x.get(src));
        return buffer;
    }

    /** Copies the patches of {@code x} (batch, in..., c) into {@code cols} (batch, out..., k..., c). */
    static void im2col(INDArray x, int[] k, int[] s, int[] d, long[] out, INDArray cols) {
        int r = k.length;
        int[] offset = new int[r];
        INDArrayIndex[] src = all(r + 2);
        INDArrayIndex[] dst = all(2 * r + 2);
        do {
            for (int i = 0; i < r; i++) {
                long begin = (long) offset[i] * d[i];
                src[i + 1] = NDArrayIndex.interval(begin, s[i], begin + (out[i] - 1) * s[i] + 1);
                dst[r + 1 + i] = NDArrayIndex.point(offset[i]);
            }
            cols.get(dst).assign(x.get(src));
        } while (next(offset, k));
    }

    /** The kernel (k..., in, out) flipped along every spatial axis, with in and out swapped: (k..., out, in). */
    private static INDArray flipTranspose(INDArray kernel, INDArray out) {
        int r = kernel.rank() - 2;
        int[] perm = new int[r + 2];
        int[] axes = new int[r];
        for (int i = 0; i < r; i++) {
            perm[i] = i;
            axes[i] = i;
        }
        perm[r] = r + 1;
        perm[r + 1] = r;
        ConvOps.exec("reverse", new INDArray[]{kernel.permute(perm).dup('c')}, new INDArray[]{out}, axes);
        return out;
    }

    private static boolean next(int[] offset, int[] k) {
        for (int i = offset.length - 1; i >= 0; i--) {
            if (++offset[i] < k[i]) {
                return true;
            }
            offset[i] = 0;
        }
        return false;
    }

    static INDArrayIndex[] all(int n) {
        INDArrayIndex[] idx = new INDArrayIndex[n];
        java.util.Arrays.fill(idx, NDArrayIndex.all());
        return idx;
    }

    static long product(long[] v) {
        long p = 1;
        for (long x : v) {
            p *= x;
        }
        return p;
    }
}
