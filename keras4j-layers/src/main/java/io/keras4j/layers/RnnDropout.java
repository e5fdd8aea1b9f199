package io.keras4j.layers;

import io.keras4j.backend.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The matrix products of the built-in cells with their dropout masks ({@link StepBuffers#inputMasks},
 * {@link StepBuffers#recurrentMasks}), as the cells' {@code implementation == 1} path of
 * keras/src/layers/rnn/{lstm,gru}.py ({@code inputs_i = inputs * dp_mask[0]}, {@code h_tm1_i = h_tm1 * rec_dp_mask[0]},
 * ...; SimpleRNN's single masks likewise): gate block {@code g} of a kernel multiplies the input (or state) times
 * mask {@code g}. Without masks each is the single GEMM of the fast path.
 */
final class RnnDropout {
    private RnnDropout() {
    }

    /** Columns {@code [g * width, (g + 1) * width)} of a rank-2 array. */
    static INDArray block(INDArray a, long width, int g) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(g * width, (g + 1) * width));
    }

    /** {@code out = x * mask} for {@code x} of shape {@code (steps * batch, w)} and one {@code (batch, w)} mask for every step. */
    static INDArray maskSteps(INDArray x, INDArray mask, INDArray out) {
        long rowLength = mask.length();
        out.reshape(x.length() / rowLength, rowLength).assign(x.reshape(x.length() / rowLength, rowLength))
                .muliRowVector(mask.reshape(1, rowLength));
        return out;
    }

    /** {@code z = x @ kernel} for all steps ({@code x (T*B, input_dim)}), block {@code g} of the kernel seeing {@code x * mask_g}. */
    static void inputMatmul(StepBuffers b, INDArray x, INDArray kernel, INDArray z) {
        INDArray[] masks = b.inputMasks;
        if (masks == null) {
            Blas.matmul(x, false, kernel, false, z, 0.0);
            return;
        }
        long width = kernel.size(1) / masks.length;
        INDArray xm = b.sequence("drop:x", x.size(1)).reshape(x.size(0), x.size(1));
        for (int g = 0; g < masks.length; g++) {
            Blas.matmul(maskSteps(x, masks[g], xm), false, block(kernel, width, g), false, block(z, width, g), 0.0);
        }
    }

    /** The kernel gradient of {@link #inputMatmul}: {@code grad = (x * mask_g)^T @ dz_g + beta * grad}, block by block. */
    static void inputKernelGradient(StepBuffers b, INDArray x, INDArray dz, INDArray grad, double beta) {
        INDArray[] masks = b.inputMasks;
        if (masks == null) {
            Blas.matmul(x, true, dz, false, grad, beta);
            return;
        }
        INDArray xm = b.sequence("drop:x", x.size(1)).reshape(x.size(0), x.size(1));
        maskedKernelGradient(x, masks, 0, dz.size(1) / masks.length, xm, dz, grad, beta);
    }

    /** The input gradient of {@link #inputMatmul}: {@code dx = sum_g (dz_g @ kernel_g^T) * mask_g}. */
    static INDArray inputGradient(StepBuffers b, INDArray dz, INDArray kernel, INDArray dx) {
        INDArray[] masks = b.inputMasks;
        if (masks == null) {
            return Blas.matmul(dz, false, kernel, true, dx, 0.0);
        }
        long width = dz.size(1) / masks.length;
        INDArray t = b.sequence("drop:x", dx.size(1)).reshape(dx.size(0), dx.size(1));
        for (int g = 0; g < masks.length; g++) {
            Blas.matmul(block(dz, width, g), false, block(kernel, width, g), true, t, 0.0);
            maskSteps(t, masks[g], t);
            if (g == 0) {
                dx.assign(t);
            } else {
                Blas.axpy(1.0, t, dx);
            }
        }
        return dx;
    }

    /**
     * {@code out = h @ kernel + beta * out}, where {@code kernel} holds the recurrent blocks of gates
     * {@code first, first + 1, ...}: each block multiplies {@code h} times its gate's recurrent mask.
     */
    static void recurrentMatmul(StepBuffers b, INDArray h, INDArray kernel, int first, INDArray out, double beta) {
        if (b.recurrentMasks == null) {
            Blas.matmul(h, false, kernel, false, out, beta);
            return;
        }
        long units = h.size(1);
        INDArray hm = b.scratch("rdrop:h", units);
        for (int g = 0; g < kernel.size(1) / units; g++) {
            RnnMath.mul(h, b.recurrentMasks[first + g], hm);
            Blas.matmul(hm, false, block(kernel, units, g), false, block(out, units, g), beta);
        }
    }

    /** The state gradient of {@link #recurrentMatmul}: {@code dh = sum_g (dOut_g @ kernel_g^T) * mask_g + beta * dh}. */
    static void recurrentMatmulBackward(StepBuffers b, INDArray dOut, INDArray kernel, int first, INDArray dh, double beta) {
        if (b.recurrentMasks == null) {
            Blas.matmul(dOut, false, kernel, true, dh, beta);
            return;
        }
        long units = dh.size(1);
        if (beta == 0.0) {
            dh.assign(0);
        }
        INDArray t = b.scratch("rdrop:dh", units);
        for (int g = 0; g < kernel.size(1) / units; g++) {
            Blas.matmul(block(dOut, units, g), false, block(kernel, units, g), true, t, 0.0);
            Blas.axpy(1.0, t.muli(b.recurrentMasks[first + g]), dh);
        }
    }

    /**
     * The kernel gradient of {@link #recurrentMatmul} over all steps, {@code hPrev (T*B, units)},
     * {@code dOut (T*B, n * units)}: {@code grad_g = (hPrev * mask_g)^T @ dOut_g + beta * grad_g}.
     */
    static void recurrentKernelGradient(StepBuffers b, INDArray hPrev, INDArray dOut, INDArray grad, int first, double beta) {
        if (b.recurrentMasks == null) {
            Blas.matmul(hPrev, true, dOut, false, grad, beta);
            return;
        }
        long units = hPrev.size(1);
        INDArray hm = b.sequence("rdrop:hPrev", units).reshape(hPrev.size(0), units);
        maskedKernelGradient(hPrev, b.recurrentMasks, first, units, hm, dOut, grad, beta);
    }

    /**
     * {@code grad_g = (x * masks[first + g])^T @ dz_g + beta * grad_g} for every {@code width}-wide column block
     * {@code g} of {@code dz}, the masked {@code x} written into {@code xm}.
     */
    private static void maskedKernelGradient(INDArray x, INDArray[] masks, int first, long width, INDArray xm, INDArray dz,
                                             INDArray grad, double beta) {
        for (int g = 0; g < dz.size(1) / width; g++) {
            Blas.matmul(maskSteps(x, masks[first + g], xm), true, block(dz, width, g), false, block(grad, width, g), beta);
        }
    }
}
