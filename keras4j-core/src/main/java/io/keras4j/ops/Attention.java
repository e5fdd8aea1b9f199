package io.keras4j.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * {@code keras.ops.dot_product_attention}, as keras/src/backend/jax/nn.py {@code _dot_product_attention_core}:
 * {@code softmax(scale * q k^T + bias, masked) v} over inputs of shape {@code (batch, time, heads, depth)}, written with
 * ops (einsum, softmax, where) whose gradients it shares.
 */
final class Attention {
    private Attention() {
    }

    /**
     * @param bias     added to the logits, broadcastable to {@code (batch, heads, target_time, source_time)}, or null
     * @param mask     true (non-zero) where attention is allowed, broadcastable likewise, or null
     * @param scale    the logits' scale, or null for {@code 1 / sqrt(depth)}
     * @param isCausal whether a target position attends only to source positions at or before it
     */
    static INDArray dotProductAttention(INDArray query, INDArray key, INDArray value, INDArray bias, INDArray mask,
                                        Double scale, boolean isCausal) {
        if (query.rank() != 4 || key.rank() != 4 || value.rank() != 4) {
            throw new IllegalArgumentException("ops.dot_product_attention: only 4-D inputs (batch, time, heads, depth) are supported, "
                    + "got query.shape=" + Axes.shape(query.shape()) + ", key.shape=" + Axes.shape(key.shape())
                    + ", value.shape=" + Axes.shape(value.shape()));
        }
        if (query.size(0) != key.size(0) || query.size(2) != key.size(2) || query.size(3) != key.size(3)
                || !Arrays.equals(Arrays.copyOf(key.shape(), 3), Arrays.copyOf(value.shape(), 3))) {
            throw new IllegalArgumentException("ops.dot_product_attention: incompatible shapes: query " + Axes.shape(query.shape())
                    + " and key " + Axes.shape(key.shape()) + " must share batch, heads and depth; key and value must share batch, "
                    + "time and heads (value " + Axes.shape(value.shape()) + ")");
        }
        double s = scale == null ? 1.0 / Math.sqrt(query.size(3)) : scale;
        INDArray logits = Arithmetic.multiply(Einsum.einsum("BTNH,BSNH->BNTS", query, key), DTypes.scalar(query, s));
        if (bias != null) {
            logits = Arithmetic.add(logits, bias);
        }
        if (mask != null || isCausal) {
            long t = logits.size(2);
            long src = logits.size(3);
            INDArray allowed = Nd4j.ones(DataType.INT8, 1, 1, t, src);
            if (mask != null) {
                allowed = Comparisons.logicalAnd(allowed, mask);
            }
            if (isCausal) {
                INDArray lower = Nd4j.createUninitialized(DataType.INT8, 1, 1, t, src);
                for (long i = 0; i < t; i++) {
                    for (long j = 0; j < src; j++) {
                        lower.putScalar(new long[]{0, 0, i, j}, j <= i ? 1 : 0);
                    }
                }
                allowed = Comparisons.logicalAnd(allowed, lower);
            }
            double largeNegative = -0.7 * (logits.dataType() == DataType.DOUBLE ? Double.MAX_VALUE : Float.MAX_VALUE);
            logits = Where.where(allowed, logits, DTypes.scalar(logits, largeNegative));
        }
        INDArray probs = Activations.softmax(logits, -1);
        return Einsum.einsum("BNTS,BSNH->BTNH", probs, value);
    }
}
