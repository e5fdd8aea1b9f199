package io.keras4j.layers;

import io.keras4j.backend.Ops;
import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One input projection of {@link MultiHeadAttention}, Keras's {@code EinsumDense("abc,cde->abde")}
 * (keras/src/layers/attention/multi_head_attention.py {@code _build_proj_equation}): {@code x (batch, T, dim)} times
 * {@code kernel (dim, heads, size)} plus {@code bias (heads, size)}, returned per head as {@code (heads * batch, T, size)};
 * one GEMM per head on the {@code (batch * T, dim)} view, so no transposing copy is needed.
 */
final class HeadProjection {
    private final Variable kernel;
    private final Variable bias;

    /** @param bias null without bias */
    HeadProjection(Variable kernel, Variable bias) {
        this.kernel = kernel;
        this.bias = bias;
    }

    /** The projection of {@code x (batch, T, dim)}, as {@code (heads * batch, T, size)} (head-major): one GEMM per head. */
    INDArray forward(INDArray x) {
        long b = x.size(0);
        long t = x.size(1);
        INDArray w = kernel.value();
        long heads = w.size(1);
        long size = w.size(2);
        INDArray x2 = x.reshape('c', b * t, x.size(2));
        INDArray y = Nd4j.createUninitialized(x.dataType(), heads, b * t, size);
        for (int n = 0; n < heads; n++) {
            INDArray yn = y.tensorAlongDimension(n, 1, 2);
            Ops.matmul(x2, false, w.get(NDArrayIndex.all(), NDArrayIndex.point(n), NDArrayIndex.all()), false, yn, 0.0);
            if (bias != null) {
                yn.addiRowVector(bias.value().getRow(n));
            }
        }
        return y.reshape(heads * b, t, size);
    }

    /** Adds the kernel and bias gradients for {@code dHeads (heads * batch, T, size)}; returns that of {@code x} or null. */
    INDArray backward(INDArray x, INDArray dHeads, boolean needInput) {
        long b = x.size(0);
        long t = x.size(1);
        long dim = x.size(2);
        INDArray w = kernel.value();
        long heads = w.size(1);
        long size = w.size(2);
        INDArray dy = dHeads.reshape('c', heads, b * t, size);
        INDArray x2 = x.reshape('c', b * t, dim);
        INDArray dw = Nd4j.createUninitialized(x.dataType(), heads, dim, size);
        INDArray dx = needInput ? x2.ulike() : null;
        for (int n = 0; n < heads; n++) {
            INDArray dyn = dy.tensorAlongDimension(n, 1, 2);
            Ops.matmul(x2, true, dyn, false, dw.tensorAlongDimension(n, 1, 2), 0.0);
            if (dx != null) {
                Ops.matmul(dyn, false, w.get(NDArrayIndex.all(), NDArrayIndex.point(n), NDArrayIndex.all()), true, dx, n == 0 ? 0.0 : 1.0);
            }
        }
        kernel.addGradient(dw.permute(1, 0, 2));
        if (bias != null) {
            bias.addGradient(dy.sum(1));
        }
        return dx == null ? null : dx.reshape(x.shape());
    }
}
