package io.keras4j.layers;

import io.keras4j.backend.Blas;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.initializers.Initializers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * Additive attention, a.k.a. Bahdanau-style attention, as keras/src/layers/attention/additive_attention.py
 * {@code AdditiveAttention}: {@link Attention} with the score
 * <pre>scores[b, i, j] = sum_d scale[d] * tanh(query[b, i, d] + key[b, j, d])</pre>
 * where {@code scale} is a learned vector of shape {@code (dim,)} ("glorot_uniform") when {@code use_scale}
 * (the default), else 1. Masks, causal mask, dropout and the optional second output are as in Attention.
 * <pre>{@code KerasTensor out = new AdditiveAttention().apply(query, value);}</pre>
 */
public class AdditiveAttention extends Attention {

    public AdditiveAttention() {
        this(true);
    }

    /** @param useScale whether to learn the vector "scale" */
    public AdditiveAttention(boolean useScale) {
        super(useScale);
    }

    public AdditiveAttention(boolean useScale, double dropout) {
        this(useScale);
        dropout(dropout);
    }

    /** AdditiveAttention has one score function; Keras's config carries no score_mode. */
    @Override
    public <L extends Attention> L scoreMode(String scoreMode) {
        throw new IllegalArgumentException("AdditiveAttention: argument `score_mode` is not supported, got " + scoreMode);
    }

    @Override
    void buildScores(long dim) {
        if (useScaleValue()) {
            scale = addWeight("scale", new long[]{dim}, Initializers.get("glorot_uniform"), null, null, true);
        }
    }

    @Override
    INDArray scores(INDArray q, INDArray k, CallContext ctx) {
        INDArray t = AttentionOps.tanh(AttentionOps.pairSum(q, k), 1.0);
        ctx.save("t", t);
        if (scale == null) {
            return t.sum(3);
        }
        long[] s = t.shape();
        INDArray out = Nd4j.createUninitialized(t.dataType(), s[0], s[1], s[2]);
        Blas.matmul(t.reshape(-1, s[3]), false, scale.value().reshape(s[3], 1), false, out.reshape(-1, 1), 0.0);
        return out;
    }

    @Override
    INDArray[] scoresBackward(INDArray ds, INDArray q, INDArray k, CallContext ctx) {
        INDArray t = ctx.saved("t");
        long[] s = t.shape();
        INDArray dsCol = ds.reshape(-1, 1);
        INDArray dt;
        if (scale == null) {
            dt = ds.reshape(s[0], s[1], s[2], 1).broadcast(s);
        } else {
            Blas.matmul(t.reshape(-1, s[3]), true, dsCol, false, scale.gradient().reshape(s[3], 1), scale.beginGradientWrite());
            dt = t.ulike();
            Blas.matmul(dsCol, false, scale.value().reshape(1, s[3]), false, dt.reshape(-1, s[3]), 0.0);
        }
        INDArray[] g = AttentionOps.tanhBackward(dt, t, 1.0);
        return new INDArray[]{g[1], g[2]};
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.remove("score_mode");
        return config;
    }

    /** An AdditiveAttention layer from its Keras config. */
    public static AdditiveAttention fromConfig(Map<String, Object> map) {
        Config c = new Config("AdditiveAttention", map).allow("use_scale", "dropout", "seed");
        return applyCommon(c, new AdditiveAttention(c.getBoolean("use_scale", true)));
    }
}
