package io.keras4j.layers;

import io.keras4j.backend.Ops;
import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One input projection of {@link MultiHeadAttention}, Keras's {@code EinsumDense("abc,cde->abde")}
 * (keras/src/layers/attention/multi_head_attention.py {@code _build_proj_equation}): {@code x (batch, T, dim)} times
 * {@code kernel (dim, heads, size)} plus {@code bias (heads, size)}, returned per head as {@code (batch * heads, T, size)};
 * one GEMM on the {@code (batch * T, dim)} view.
 */
final class HeadProjection {
    private final Variable kernel;
    private final Variable bias;

    /** @param bias null without bias */
    HeadProjection(Variable kernel, Variable bias) {
        this.kernel = kernel;
        this.bias = bias;
    }

    private INDArray kernel2d() {
        INDArray w = kernel.value();
        return w.reshape(w.size(0), w.size(1) * w.size(2));
    }

    /** The projection of {@code x (batch, T, dim)}, as {@code (batch * heads, T, size)}. */
    INDArray forward(INDArray x) {
        long b = x.size(0);
        long t = x.size(1);
        long heads = kernel.value().size(1);
        long size = kernel.value().size(2);
        INDArray y = Nd4j.createUninitialized(x.dataType(), b * t, heads * size);
        Ops.matmul(x.reshape('c', b * t, x.size(2)), false, kernel2d(), false, y, 0.0);
        if (bias != null) {
            y.addiRowVector(bias.value().reshape(heads * size));
        }
        return y.reshape(b, t, heads, size).permute(0, 2, 1, 3).dup('c').reshape(b * heads, t, size);
    }

    /** Adds the kernel and bias gradients for {@code dHeads (batch * heads, T, size)}; returns that of {@code x} or null. */
    INDArray backward(INDArray x, INDArray dHeads, boolean needInput) {
        long b = x.size(0);
        long t = x.size(1);
        long heads = kernel.value().size(1);
        long size = kernel.value().size(2);
        INDArray dy = dHeads.reshape(b, heads, t, size).permute(0, 2, 1, 3).dup('c').reshape(b * t, heads * size);
        INDArray x2 = x.reshape('c', b * t, x.size(2));
        INDArray w2 = kernel2d();
        Ops.matmul(x2, true, dy, false, kernel.gradient().reshape(w2.shape()), kernel.gradientBeta());
        if (bias != null) {
            bias.addGradient(dy.sum(0).reshape(heads, size));
        }
        if (!needInput) {
            return null;
        }
        INDArray dx = x2.ulike();
        Ops.matmul(dy, false, w2, true, dx, 0.0);
        return dx.reshape(x.shape());
    }
}
