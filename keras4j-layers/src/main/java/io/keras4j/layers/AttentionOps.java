package io.keras4j.layers;

import io.keras4j.utils.RandomState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftmaxBp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The mechanics the attention layers share: keep masks (value, query, causal, explicit), the masked
 * softmax over the last axis with its backward pass, dropout on the attention weights, and the
 * {@code tanh(a * (q_i + k_j))} tensor of the additive and concat scores with its backward pass, and batched
 * matrix products. Arrays are rank 3, {@code (batch', Tq, Tv)}, or rank 4 {@code (batch, heads, Tq, Tv)} for
 * {@link MultiHeadAttention}; a keep mask holds 1 where attention is allowed, 0 elsewhere.
 */
final class AttentionOps {
    /** The value Keras puts at masked scores (keras/src/layers/attention/attention.py, softmax.py). */
    static final double LARGE_NEGATIVE = 1e9;

    private AttentionOps() {
    }

    /** A user mask (BOOL or numeric, nonzero = keep) as 0/1 in {@code dtype}; null stays null. */
    static INDArray keep(INDArray mask, DataType dtype) {
        if (mask == null) {
            return null;
        }
        INDArray m = mask.dataType() == DataType.BOOL ? mask : mask.neq(0);
        return m.castTo(dtype);
    }

    /**
     * The combined keep mask of shape {@code (batch, Tq, Tv)}, as Keras ANDs them: {@code queryMask (batch, Tq)} and
     * {@code valueMask (batch, Tv)} (either may be null), the lower-triangular causal mask when {@code causal}
     * (row index >= column index), and an explicit {@code (batch, Tq, Tv)} mask. Null when there is none.
     */
    static INDArray combine(DataType dtype, long batch, long tq, long tv, INDArray queryMask, INDArray valueMask,
                            INDArray explicit, boolean causal) {
        if (queryMask == null && valueMask == null && explicit == null && !causal) {
            return null;
        }
        INDArray keep = Nd4j.ones(dtype, batch, tq, tv);
        if (queryMask != null) {
            keep.muli(keep(queryMask, dtype).reshape(batch, tq, 1).broadcast(batch, tq, tv));
        }
        if (valueMask != null) {
            keep.muli(keep(valueMask, dtype).reshape(batch, 1, tv).broadcast(batch, tq, tv));
        }
        if (explicit != null) {
            keep.muli(keep(explicit, dtype).reshape(batch, tq, tv));
        }
        if (causal) {
            keep.muli(causal(dtype, tq, tv).broadcast(batch, tq, tv));
        }
        return keep;
    }

    /** The causal keep mask {@code (1, tq, tv)}: 1 where the row index is at least the column index. */
    static INDArray causal(DataType dtype, long tq, long tv) {
        double[] tri = new double[(int) (tq * tv)];
        for (int i = 0; i < tq; i++) {
            for (int j = 0; j <= i && j < tv; j++) {
                tri[(int) (i * tv + j)] = 1;
            }
        }
        return Nd4j.createFromArray(tri).castTo(dtype).reshape(1, tq, tv);
    }

    /** Attention's masking, {@code where(keep, scores, scores - 1e9)}, in place. */
    static void subtractMasked(INDArray scores, INDArray keep) {
        if (keep != null) {
            scores.subi(keep.rsub(1.0).muli(LARGE_NEGATIVE));
        }
    }

    /** The softmax of {@code scores} over the last axis, into a new array. */
    static INDArray softmax(INDArray scores) {
        return softmax(scores, scores.ulike());
    }

    /**
     * The softmax of {@code scores} over the last axis, into {@code out} (c-order, same shape); returns {@code out}. The
     * arrays keep their rank: ND4J's softmax over the last axis of a rank-4 array is several times faster than over
     * its rank-2 view here.
     */
    static INDArray softmax(INDArray scores, INDArray out) {
        Nd4j.exec(new SoftMax(scores, out, scores.rank() - 1));
        return out;
    }

    /** The gradient of {@code scores} from that of {@code softmax(scores)} over the last axis (ND4J's softmax_bp). */
    static INDArray softmaxBackward(INDArray scores, INDArray dp) {
        return softmaxBackward(scores, dp, scores.ulike());
    }

    /** {@link #softmaxBackward(INDArray, INDArray)} into {@code ds} (c-order, same shape, any rank); returns {@code ds}. */
    static INDArray softmaxBackward(INDArray scores, INDArray dp, INDArray ds) {
        Nd4j.exec(new SoftmaxBp(scores, dp, ds, scores.rank() - 1));
        return ds;
    }

    /**
     * Multiplies {@code x (batch, heads, T, S)} in place by a keep mask {@code (batch or 1, heads or 1, T, S)},
     * broadcast natively over its axes of size 1.
     */
    static INDArray multiplyKeep(INDArray x, INDArray keep) {
        return broadcast(x, keep, false);
    }

    /**
     * Multi-head softmax masking, {@code where(keep, scores, -1e9)} in place, as {@code scores * keep + negative} with
     * {@code negative = (keep - 1) * 1e9} (see {@link #negative}); both masks shaped as for {@link #multiplyKeep}.
     */
    static void replaceMasked(INDArray scores, INDArray keep, INDArray negative) {
        multiplyKeep(scores, keep);
        broadcast(scores, negative, true);
    }

    /** {@code (keep - 1) * 1e9}: 0 where attention is allowed, -1e9 elsewhere. */
    static INDArray negative(INDArray keep) {
        return keep.sub(1.0).muli(LARGE_NEGATIVE);
    }

    private static INDArray broadcast(INDArray x, INDArray y, boolean add) {
        if (java.util.Arrays.equals(x.shape(), y.shape())) {
            return add ? x.addi(y) : x.muli(y);
        }
        int[] dims = java.util.stream.IntStream.range(0, 4).filter(i -> y.size(i) != 1 || i > 1).toArray();
        INDArray compact = y.reshape('c', java.util.Arrays.stream(dims).mapToLong(y::size).toArray());
        Nd4j.exec(add ? new BroadcastAddOp(x, compact, x, dims) : new BroadcastMulOp(x, compact, x, dims));
        return x;
    }

    /**
     * A dropout mask for {@code x} (kept entries {@code 1 / (1 - rate)}), as keras backend.random.dropout, in a buffer
     * of {@code ctx} (valid until the next call).
     */
    static INDArray dropoutMask(INDArray x, double rate, Long seed, io.keras4j.engine.CallContext ctx) {
        org.nd4j.linalg.api.rng.Random rng = ctx.computeIfAbsent("rng", () -> RandomState.generator(seed));
        return Dropout.fillMask(ctx.buffer("dropout_mask", x.dataType(), x.shape()), rate, rng);
    }

    /** {@code q_i + k_j} for {@code q (b, Tq, d)} and {@code k (b, Tv, d)}: shape {@code (b, Tq, Tv, d)}. */
    static INDArray pairSum(INDArray q, INDArray k) {
        long b = q.size(0);
        long tq = q.size(1);
        long tv = k.size(1);
        long d = q.size(2);
        long[] shape = {b, tq, tv, d};
        return q.reshape(b, tq, 1, d).broadcast(shape).addi(k.reshape(b, 1, tv, d).broadcast(shape));
    }

    /** {@code tanh(a * pairSum)}. */
    static INDArray tanh(INDArray pairSum, double a) {
        return Transforms.tanh(pairSum.mul(a), false);
    }

    /**
     * From the gradient {@code dt} of {@code t = tanh(a * (q_i + k_j))}: the gradient of {@code u = a * (q_i + k_j)}
     * (returned first), then those of {@code q} (summed over {@code j}) and {@code k} (summed over {@code i}).
     */
    static INDArray[] tanhBackward(INDArray dt, INDArray t, double a) {
        INDArray du = dt.mul(t.mul(t).rsubi(1.0));
        INDArray dq = du.sum(2).muli(a);
        INDArray dk = du.sum(1).muli(a);
        return new INDArray[]{du, dq, dk};
    }

    /** Batched matrix product of rank-3 arrays, optionally transposing the last two axes of either, into a new array. */
    static INDArray bmm(INDArray a, boolean transposeA, INDArray b, boolean transposeB) {
        long rows = a.size(transposeA ? 2 : 1);
        long cols = b.size(transposeB ? 1 : 2);
        INDArray out = Nd4j.createUninitialized(a.dataType(), new long[]{a.size(0), rows, cols}, 'c');
        return matmul(a, transposeA, b, transposeB, out, 1.0);
    }

    /**
     * {@code out = alpha * op(a) @ op(b)} over the leading (batch) axes, op transposing the last two axes when asked.
     * Inputs and {@code out} may be strided views (such as {@link HeadProjection#heads}): ND4J's matmul (oneDNN on
     * this build) reads and writes them in place, one native call for all batches.
     */
    static INDArray matmul(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray out, double alpha) {
        Nd4j.exec(new Mmul(a, b, out, alpha, 0.0, MMulTranspose.builder().transposeA(transposeA).transposeB(transposeB).build()));
        return out;
    }
}
