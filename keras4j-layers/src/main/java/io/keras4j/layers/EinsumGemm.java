package io.keras4j.layers;

import io.keras4j.backend.Layouts;
import io.keras4j.backend.Blas;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * A two-operand einsum {@code input, kernel -> output} computed with GEMMs, forward and backward. The labels fall
 * into five groups: B (in input, kernel and output: batched), M (input and output), N (kernel and output),
 * K (input and kernel: contracted) and S (input only: summed first). The input is arranged as
 * {@code (B, M, K)}, the kernel as {@code (B, K, N)}, and one GEMM per B index gives {@code (B, M, N)}, which is
 * permuted to the output's axis order. Backward: {@code dInput = G @ kernel^T}, {@code dKernel = input^T @ G}.
 */
final class EinsumGemm {
    private final int[] xPerm;
    private final int[] xInverse;
    private final int[] sumAxes;
    private final int[] wPerm;
    private final int[] wInverse;
    private final int[] outPerm;
    private final int[] outInverse;
    private final int nB;
    private final int nM;
    private final int nK;

    /** Labels per axis of the input, the kernel and the output (see {@link EinsumEquation}). */
    EinsumGemm(int[] x, int[] w, int[] o) {
        List<Integer> b = new ArrayList<>();
        List<Integer> m = new ArrayList<>();
        List<Integer> n = new ArrayList<>();
        for (int label : o) {
            boolean inX = EinsumEquation.indexOf(x, label) >= 0;
            boolean inW = EinsumEquation.indexOf(w, label) >= 0;
            (inX && inW ? b : inX ? m : n).add(label);
        }
        List<Integer> k = new ArrayList<>();
        List<Integer> s = new ArrayList<>();
        for (int label : x) {
            if (EinsumEquation.indexOf(o, label) < 0) {
                (EinsumEquation.indexOf(w, label) >= 0 ? k : s).add(label);
            }
        }
        nB = b.size();
        nM = m.size();
        nK = k.size();
        xPerm = positions(x, b, m, k, s);
        sumAxes = positions(x, s);
        wPerm = positions(w, b, k, n);
        int[] bmn = positions(o, b, m, n);
        outInverse = bmn;
        outPerm = inverse(bmn);
        xInverse = inverse(xPerm);
        wInverse = inverse(wPerm);
    }

    /** The output, in the output's axis order, in a buffer of {@code ctx}; saves what {@link #backward} needs. */
    INDArray forward(INDArray input, INDArray kernel, CallContext ctx, DataType dtype) {
        INDArray xs = sumAxes.length == 0 ? input : input.sum(true, sumAxes);
        INDArray x3 = arrange(xs, xPerm, nB, nB + nM);
        INDArray w3 = arrange(kernel, wPerm, nB, nB + nK);
        INDArray z3 = ctx.buffer("einsum_z", dtype, x3.size(0), x3.size(1), w3.size(2));
        gemms(x3, false, w3, false, z3);
        long[] bmn = new long[outPerm.length];
        for (int i = 0; i < nB + nM; i++) {
            bmn[i] = xs.size(xPerm[i]);
        }
        for (int i = nB + nM; i < bmn.length; i++) {
            bmn[i] = kernel.size(wPerm[i - nM + nK]);
        }
        ctx.save("einsum_x3", x3);
        ctx.save("einsum_w3", w3);
        ctx.save("einsum_xs_shape", xs.shape());
        ctx.save("einsum_x_shape", input.shape());
        INDArray z = z3.reshape('c', bmn);
        if (isIdentity(outPerm)) {
            return z;
        }
        INDArray zp = z.permute(outPerm);
        return ctx.buffer("einsum_out", dtype, zp.shape()).assign(zp);
    }

    /** Adds the kernel gradient to {@code kernel}; returns the input gradient, or null if not needed. */
    INDArray backward(INDArray gradOutput, Variable kernel, boolean needInput, CallContext ctx) {
        INDArray x3 = ctx.saved("einsum_x3");
        INDArray w3 = ctx.saved("einsum_w3");
        INDArray g = gradOutput.permute(outInverse);
        INDArray g3 = contiguous(g).reshape('c', x3.size(0), x3.size(1), w3.size(2));
        if (isIdentity(wPerm) && x3.size(0) == 1) {
            double beta = kernel.beginGradientWrite();
            Blas.matmul(matrix(x3, 0), true, matrix(g3, 0), false, kernel.gradient().reshape('c', w3.size(1), w3.size(2)), beta);
        } else {
            INDArray dw3 = ctx.buffer("einsum_dw", w3.dataType(), w3.shape());
            gemms(x3, true, g3, false, dw3);
            long[] wArranged = new long[wPerm.length];
            for (int i = 0; i < wPerm.length; i++) {
                wArranged[i] = kernel.value().size(wPerm[i]);
            }
            kernel.addGradient(dw3.reshape('c', wArranged).permute(wInverse));
        }
        if (!needInput) {
            return null;
        }
        INDArray dx3 = ctx.buffer("einsum_dx", x3.dataType(), x3.shape());
        gemms(g3, false, w3, true, dx3);
        long[] xsShape = ctx.saved("einsum_xs_shape");
        long[] arranged = new long[xPerm.length];
        for (int i = 0; i < xPerm.length; i++) {
            arranged[i] = xsShape[xPerm[i]];
        }
        INDArray dxs = dx3.reshape('c', arranged).permute(xInverse);
        long[] xShape = ctx.saved("einsum_x_shape");
        if (sumAxes.length == 0 && isIdentity(xPerm)) {
            return dx3.reshape('c', xShape);
        }
        INDArray dx = ctx.buffer("einsum_dx_full", x3.dataType(), xShape);
        return sumAxes.length == 0 ? dx.assign(dxs) : dx.assign(dxs.broadcast(xShape));
    }

    /** {@code out[b] = op(a[b]) @ op(c[b])} for every batch index b: one GEMM when there is no batch label. */
    private static void gemms(INDArray a, boolean ta, INDArray c, boolean tc, INDArray out) {
        for (long i = 0; i < a.size(0); i++) {
            Blas.matmul(matrix(a, i), ta, matrix(c, i), tc, matrix(out, i), 0.0);
        }
    }

    /** Batch entry {@code i} of a rank-3 array as a matrix; a plain reshape (no offset view) when there is one entry. */
    private static INDArray matrix(INDArray a, long i) {
        return a.size(0) == 1 ? a.reshape('c', a.size(1), a.size(2)) : a.slice(i);
    }

    /** {@code a} permuted by {@code perm} and viewed as 3 groups of axes {@code [0, g1), [g1, g2), [g2, rank)}. */
    private static INDArray arrange(INDArray a, int[] perm, int g1, int g2) {
        INDArray p = contiguous(isIdentity(perm) ? a : a.permute(perm));
        return p.reshape('c', product(p, 0, g1), product(p, g1, g2), product(p, g2, p.rank()));
    }

    private static INDArray contiguous(INDArray a) {
        return Layouts.isDenseC(a) ? a : a.dup('c');
    }

    private static long product(INDArray a, int from, int to) {
        long n = 1;
        for (int i = from; i < to; i++) {
            n *= a.size(i);
        }
        return n;
    }

    @SafeVarargs
    private static int[] positions(int[] labels, List<Integer>... groups) {
        List<Integer> out = new ArrayList<>();
        for (List<Integer> group : groups) {
            for (int label : group) {
                out.add(EinsumEquation.indexOf(labels, label));
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[perm[i]] = i;
        }
        return inv;
    }

    private static boolean isIdentity(int[] perm) {
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }
}
