package io.keras4j.layers;

import io.keras4j.engine.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * The {@code attention_axes} of {@link MultiHeadAttention} for inputs {@code (batch, d_1, ..., d_m, dim)}, as
 * keras/src/layers/attention/multi_head_attention.py {@code _build_attention} and {@code _build_attention_equation}:
 * the axes {@code d_i} not attended over are batch axes, the attended axes are flattened into one sequence axis.
 * Inputs are permuted to {@code (batch, <non-attention axes>, <attention axes in the given order>, dim)} and reshaped
 * to {@code (batch * prod(non-attention), prod(attention), dim)}, so that the rank-3 computation applies; the scores
 * come back in Keras's shape {@code (batch, <non-attention axes>, num_heads, <query attention axes>,
 * <key attention axes>)}, which is a plain reshape of {@code (batch', num_heads, Tq, Ts)}. Masks are merged and
 * broadcast exactly as Keras's {@code _compute_attention_mask} and
 * {@code _masked_softmax} do (a causal mask is {@code (1, T, S)} over axis 1, then expanded before the heads axis),
 * and rejected where Keras's broadcasting fails.
 */
final class AttentionAxes {
    private final String layer;
    private final int rank;
    private final int[] axes;
    private final int[] free;
    private final int[] perm;
    private final int[] inverse;
    private final boolean identity;

    /**
     * @param given the axes as the user gave them (negative ones count from {@code rank}, Keras's
     *              {@code (rank - 1) + axis} on the projected rank), null for Keras's default: all axes but batch and last
     */
    AttentionAxes(String layer, int[] given, int rank) {
        this.layer = layer;
        this.rank = rank;
        axes = given == null ? range(1, rank - 1) : new int[given.length];
        for (int i = 0; given != null && i < given.length; i++) {
            axes[i] = given[i] < 0 ? rank + given[i] : given[i];
            if (axes[i] < 1 || axes[i] > rank - 2 || indexOf(axes, axes[i], i) >= 0) {
                throw new IllegalArgumentException("MultiHeadAttention \"" + layer + "\": argument `attention_axes` must hold distinct "
                        + "axes between 1 and " + (rank - 2) + " (or their negative equivalents) for inputs of rank " + rank
                        + ", got " + Arrays.toString(given));
            }
        }
        free = Arrays.stream(range(1, rank - 1)).filter(a -> indexOf(axes, a, axes.length) < 0).toArray();
        perm = new int[rank];
        perm[rank - 1] = rank - 1;
        System.arraycopy(free, 0, perm, 1, free.length);
        System.arraycopy(axes, 0, perm, 1 + free.length, axes.length);
        inverse = new int[rank];
        for (int i = 0; i < rank; i++) {
            inverse[perm[i]] = i;
        }
        identity = Arrays.equals(perm, range(0, rank));
    }

    private static int[] range(int from, int to) {
        int[] out = new int[Math.max(0, to - from)];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    private static int indexOf(int[] a, int value, int before) {
        for (int i = 0; i < before; i++) {
            if (a[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** The rank of the inputs these axes are for. */
    int rank() {
        return rank;
    }

    /** The normalized axes, as Keras's config holds them after build. */
    int[] axes() {
        return axes.clone();
    }

    /** Checks that key's non-attention axes equal the query's, as Keras's einsum requires. */
    void checkKey(long[] query, long[] key) {
        for (int a : free) {
            if (query[a] >= 0 && key[a] >= 0 && query[a] != key[a]) {
                throw new IllegalArgumentException("MultiHeadAttention \"" + layer + "\": the non-attention axes of `query` and `key` "
                        + "must be equal, got query_shape=" + Shapes.format(query) + " and key_shape=" + Shapes.format(key)
                        + " with attention_axes=" + Arrays.toString(axes));
            }
        }
    }

    private long product(long[] shape, int[] which) {
        long p = 1;
        for (int a : which) {
            p *= shape[a];
        }
        return p;
    }

    /** The batch of the rank-3 view: batch times the non-attention axes. */
    long batch(long[] shape) {
        return shape[0] * product(shape, free);
    }

    /** The sequence length of the rank-3 view: the product of the attention axes. */
    long length(long[] shape) {
        return product(shape, axes);
    }

    /** {@code x} as {@code (batch', T, dim)}: permuted (a copy) unless the attention axes are already last. */
    INDArray toRank3(INDArray x) {
        long[] s = x.shape();
        INDArray p = identity ? x : x.permute(perm).dup('c');
        return p.reshape('c', batch(s), length(s), s[rank - 1]);
    }

    /** A rank-3 result {@code (batch', T, last)} back in the input layout {@code shape} (its last axis is {@code last}). */
    INDArray fromRank3(INDArray y, long[] shape, long last) {
        long[] target = shape.clone();
        target[rank - 1] = last;
        long[] permuted = new long[rank];
        for (int i = 0; i < rank; i++) {
            permuted[i] = target[perm[i]];
        }
        INDArray r = y.reshape('c', permuted);
        return identity ? r : r.permute(inverse).dup('c');
    }

    /** Keras's score shape {@code (batch, <non-attention>, num_heads, <query attention>, <key attention>)}. */
    long[] scoresShape(long[] query, long[] value, long heads) {
        long[] out = new long[2 + free.length + 2 * axes.length];
        out[0] = query[0];
        for (int i = 0; i < free.length; i++) {
            out[1 + i] = query[free[i]];
        }
        out[1 + free.length] = heads;
        for (int i = 0; i < axes.length; i++) {
            out[2 + free.length + i] = query[axes[i]];
            out[2 + free.length + axes.length + i] = value[axes[i]];
        }
        return out;
    }

    /** Scores {@code (batch', heads, Tq, Ts)} in Keras's score shape (a view: the axes are already in Keras's order). */
    INDArray scoresFromHeads(INDArray p, long[] scoresShape) {
        return p.reshape('c', scoresShape);
    }

    /** Scores in Keras's shape (or a mask with heads axis 1) as {@code (batch', heads, Tq, Ts)}. */
    private INDArray scoresToHeads(INDArray g) {
        long[] s = g.shape();
        long rows = 1;
        for (int i = 0; i <= free.length; i++) {
            rows *= s[i];
        }
        long tq = 1;
        long ts = 1;
        for (int i = 0; i < axes.length; i++) {
            tq *= s[2 + free.length + i];
            ts *= s[2 + free.length + axes.length + i];
        }
        return g.reshape('c', rows, s[1 + free.length], tq, ts);
    }

    /**
     * The keep mask (1 = attend) as {@code (batch' or 1, heads or 1, Tq, Ts)}, or null without masks: Keras's
     * {@code _compute_attention_mask} (query mask {@code [..., 1]}, value and key masks expanded at -2, causal
     * {@code (1, T, S)}, ANDed with {@code attention_mask}) broadcast to the scores as {@code _masked_softmax} does.
     */
    INDArray keep(DataType dtype, long[] query, long[] value, long heads, INDArray queryMask, INDArray valueMask,
                  INDArray keyMask, INDArray attentionMask, boolean causal) {
        INDArray auto = null;
        if (queryMask != null) {
            auto = and(auto, expand(AttentionOps.keep(queryMask, dtype), -1), "query mask");
        }
        for (INDArray m : new INDArray[]{valueMask, keyMask}) {
            if (m != null) {
                auto = and(auto, expand(AttentionOps.keep(m, dtype), -2), "value/key mask");
            }
        }
        if (causal) {
            auto = and(auto, AttentionOps.causal(dtype, query[1], value[1]), "causal mask");
        }
        INDArray mask = attentionMask == null ? auto : and(AttentionOps.keep(attentionMask, dtype), auto, "attention_mask");
        if (mask == null) {
            return null;
        }
        long[] scores = scoresShape(query, value, heads);
        int at = -2 * axes.length - 1;
        while (mask.rank() < scores.length) {
            if (mask.rank() + 1 + at < 0) {
                throw mismatch(mask.shape(), scores, "cannot be expanded at axis " + at + " to the rank of the attention scores");
            }
            mask = expand(mask, at);
        }
        long[] m = mask.shape();
        for (int i = 0; i < m.length; i++) {
            if (m.length != scores.length || m[i] != 1 && m[i] != scores[i]) {
                throw mismatch(m, scores, "must be broadcastable to the attention scores");
            }
        }
        long[] target = scores.clone();
        boolean sharedByBatch = true;
        for (int i = 0; i <= free.length; i++) {
            sharedByBatch &= m[i] == 1;
        }
        for (int i = 0; i <= free.length + 1; i++) {
            target[i] = sharedByBatch || i == 1 + free.length ? m[i] : scores[i];
        }
        return scoresToHeads(mask.broadcast(target).dup('c'));
    }

    private IllegalArgumentException mismatch(long[] mask, long[] scores, String what) {
        return new IllegalArgumentException("MultiHeadAttention \"" + layer + "\": the combined attention mask of shape "
                + Shapes.format(mask) + " " + what + " " + Shapes.format(scores) + " (attention_axes=" + Arrays.toString(axes) + ")");
    }

    private static INDArray expand(INDArray x, int axis) {
        long[] s = x.shape();
        int at = axis < 0 ? s.length + 1 + axis : axis;
        long[] out = new long[s.length + 1];
        System.arraycopy(s, 0, out, 0, at);
        out[at] = 1;
        System.arraycopy(s, at, out, at + 1, s.length - at);
        return x.reshape(out);
    }

    /** The numpy-broadcast product of two 0/1 masks (null is all ones). */
    private INDArray and(INDArray a, INDArray b, String what) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        int n = Math.max(a.rank(), b.rank());
        long[] sa = leadingOnes(a.shape(), n);
        long[] sb = leadingOnes(b.shape(), n);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            if (sa[i] != sb[i] && sa[i] != 1 && sb[i] != 1) {
                throw new IllegalArgumentException("MultiHeadAttention \"" + layer + "\": the " + what + " of shape "
                        + Shapes.format(b.shape()) + " cannot be combined with the mask of shape " + Shapes.format(a.shape()));
            }
            out[i] = Math.max(sa[i], sb[i]);
        }
        return a.reshape(sa).broadcast(out).mul(b.reshape(sb).broadcast(out));
    }

    private static long[] leadingOnes(long[] shape, int rank) {
        long[] out = new long[rank];
        Arrays.fill(out, 1);
        System.arraycopy(shape, 0, out, rank - shape.length, shape.length);
        return out;
    }
}
