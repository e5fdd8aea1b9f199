package io.keras4j.layers;

import io.keras4j.backend.Blas;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One input projection of {@link MultiHeadAttention}, Keras's {@code EinsumDense("abc,cde->abde")}
 * (keras/src/layers/attention/multi_head_attention.py {@code _build_proj_equation}): {@code x (batch, T, dim)} times
 * {@code kernel (dim, heads, size)} plus {@code bias (heads, size)}. The kernel is used as its contiguous
 * {@code (dim, heads * size)} view, so the projection is one GEMM into {@code (batch * T, heads * size)}, whose
 * {@link #heads} view {@code (batch, heads, T, size)} feeds the batched attention products without a copy.
 */
final class HeadProjection {
    private final Variable kernel;
    private final Variable bias;
    private final String key;

    /** @param bias null without bias; @param key names this projection's buffers in the call context */
    HeadProjection(Variable kernel, Variable bias, String key) {
        this.kernel = kernel;
        this.bias = bias;
        this.key = key;
    }

    private static INDArray flat(INDArray w) {
        return w.reshape('c', w.size(0), w.length() / w.size(0));
    }

    /** The per-head view {@code (batch, heads, T, size)} of a {@code (batch * T, heads * size)} array. */
    static INDArray heads(INDArray y, long batch, long heads) {
        long t = y.size(0) / batch;
        return y.reshape('c', batch, t, heads, y.size(1) / heads).permute(0, 2, 1, 3);
    }

    /** The projection of {@code x (batch, T, dim)} as {@code (batch * T, heads * size)}: one GEMM and a row add. */
    INDArray forward(INDArray x, CallContext ctx) {
        INDArray x2 = x.reshape('c', x.size(0) * x.size(1), x.size(2));
        INDArray w = flat(kernel.value());
        INDArray y = ctx.buffer(key, x.dataType(), x2.size(0), w.size(1));
        Blas.matmul(x2, false, w, false, y, 0.0);
        if (bias != null) {
            y.addiRowVector(bias.value().reshape(1, w.size(1)));
        }
        return y;
    }

    /** Adds the kernel and bias gradients for {@code dy (batch * T, heads * size)}; returns that of {@code x} or null. */
    INDArray backward(INDArray x, INDArray dy, boolean needInput, CallContext ctx) {
        INDArray x2 = x.reshape('c', x.size(0) * x.size(1), x.size(2));
        Blas.matmul(x2, true, dy, false, flat(kernel.gradient()), kernel.beginGradientWrite());
        if (bias != null) {
            BiasLayer.addBiasGradient(bias, dy, ctx);
        }
        if (!needInput) {
            return null;
        }
        INDArray dx = ctx.buffer(key + "_dx", x.dataType(), x2.size(0), x2.size(1));
        Blas.matmul(dy, false, flat(kernel.value()), true, dx, 0.0);
        return dx.reshape(x.shape());
    }
}
