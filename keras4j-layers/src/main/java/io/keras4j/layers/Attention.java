package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Shapes;
import io.keras4j.engine.Variable;
import io.keras4j.initializers.Initializers;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/**
 * Dot-product attention, a.k.a. Luong-style attention, as keras/src/layers/attention/attention.py {@code Attention}.
 * Inputs are {@code [query (batch, Tq, dim), value (batch, Tv, dim_v)]} or {@code [query, value, key (batch, Tv, dim)]}
 * (key defaults to value):
 * <pre>
 * scores  = query @ key^T            (score_mode "dot", times the scalar "scale" if use_scale)
 *         = c * sum(tanh(s * (q_i + k_j)), -1)   (score_mode "concat", c = "concat_score_weight", s = scale or 1)
 * scores  = where(mask, scores, scores - 1e9)    (value mask (batch, Tv) and the causal mask i >= j)
 * weights = dropout(softmax(scores, -1))
 * output  = where(query_mask, weights @ value, 0)
 * </pre>
 * The masks are those the inputs carry (mask propagation: query mask, value mask). Output shape
 * {@code (batch, Tq, dim_v)}; with {@link #returnAttentionScores(boolean)} a second output holds the weights
 * {@code (batch, Tq, Tv)}. {@link #useCausalMask(boolean)} is Keras's {@code use_causal_mask} call argument.
 * <pre>{@code KerasTensor out = new Attention().useCausalMask(true).apply(query, value);}</pre>
 */
public class Attention extends Layer {
    private boolean useScale;
    private String scoreMode = "dot";
    private double dropout;
    private Long seed;
    private boolean useCausalMask;
    private boolean returnAttentionScores;
    Variable scale;
    private Variable concatScoreWeight;

    public Attention() {
    }

    /** @param useScale whether to learn a scalar "scale" for the scores */
    public Attention(boolean useScale) {
        this.useScale = useScale;
    }

    /** @param scoreMode "dot" or "concat" */
    public Attention(boolean useScale, String scoreMode) {
        this(useScale);
        scoreMode(scoreMode);
    }

    public Attention(boolean useScale, String scoreMode, double dropout) {
        this(useScale, scoreMode);
        dropout(dropout);
    }

    private void requireUnbuilt(String argument) {
        if (built()) {
            throw new IllegalStateException(className() + " \"" + name() + "\": `" + argument + "` cannot change after the layer is built");
        }
    }

    public <L extends Attention> L useScale(boolean useScale) {
        requireUnbuilt("use_scale");
        this.useScale = useScale;
        return self();
    }

    boolean useScaleValue() {
        return useScale;
    }

    /** "dot" (the query-key dot product) or "concat" (tanh of their sum). */
    public <L extends Attention> L scoreMode(String scoreMode) {
        requireUnbuilt("score_mode");
        if (!"dot".equals(scoreMode) && !"concat".equals(scoreMode)) {
            throw new IllegalArgumentException("Attention: invalid value for argument score_mode, expected one of {'dot', 'concat'}, got "
                    + scoreMode);
        }
        this.scoreMode = scoreMode;
        return self();
    }

    /** The fraction of the attention weights dropped in training, in [0, 1). */
    public <L extends Attention> L dropout(double dropout) {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException(className() + ": argument `dropout` must be in [0, 1), got " + dropout);
        }
        this.dropout = dropout;
        return self();
    }

    public <L extends Attention> L seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** Keras's call argument {@code use_causal_mask}: position i attends only to positions j &lt;= i. */
    public <L extends Attention> L useCausalMask(boolean useCausalMask) {
        this.useCausalMask = useCausalMask;
        return self();
    }

    /** Keras's call argument {@code return_attention_scores}: adds the weights as a second output. */
    public <L extends Attention> L returnAttentionScores(boolean returnAttentionScores) {
        requireUnbuilt("return_attention_scores");
        this.returnAttentionScores = returnAttentionScores;
        return self();
    }

    @SuppressWarnings("unchecked")
    private <L extends Attention> L self() {
        return (L) this;
    }

    private void validate(List<long[]> shapes) {
        if (shapes.size() < 2 || shapes.size() > 3) {
            throw new IllegalArgumentException(className() + " \"" + name() + "\" must be called on a list of inputs, namely [query, value] "
                    + "or [query, value, key], got " + shapes.size() + " input(s)");
        }
        for (long[] s : shapes) {
            if (s.length != 3) {
                throw new IllegalArgumentException(className() + " \"" + name() + "\" expects inputs of rank 3 (batch, T, dim), got "
                        + Shapes.format(shapes));
            }
        }
        long[] q = shapes.get(0);
        long[] v = shapes.get(1);
        long[] k = shapes.get(shapes.size() - 1);
        if (k[1] >= 0 && v[1] >= 0 && k[1] != v[1] || q[2] >= 0 && k[2] >= 0 && q[2] != k[2]) {
            throw new IllegalArgumentException(className() + " \"" + name() + "\": key must have the value's length and the query's "
                    + "last dimension, got shapes " + Shapes.format(shapes));
        }
    }

    @Override
    protected void build(List<long[]> inputShapes) {
        validate(inputShapes);
        buildScores(inputShapes.get(0)[2]);
    }

    /** Creates the weights of the score function for query dimension {@code dim}. */
    void buildScores(long dim) {
        if (useScale) {
            scale = addWeight("scale", new long[0], Initializers.get("ones"), null, null, true);
        }
        if ("concat".equals(scoreMode)) {
            concatScoreWeight = addWeight("concat_score_weight", new long[0], Initializers.get("ones"), null, null, true);
        }
    }

    @Override
    public List<long[]> computeOutputShapes(List<long[]> shapes) {
        validate(shapes);
        long[] q = shapes.get(0);
        long[] out = {q[0], q[1], shapes.get(1)[2]};
        return returnAttentionScores ? List.of(out, new long[]{q[0], q[1], shapes.get(shapes.size() - 1)[1]}) : List.of(out);
    }

    @Override
    protected int outputCount() {
        return returnAttentionScores ? 2 : 1;
    }

    /** The scores {@code (batch, Tq, Tv)}; saves what {@link #scoresBackward} needs. */
    INDArray scores(INDArray q, INDArray k, CallContext ctx) {
        if ("dot".equals(scoreMode)) {
            INDArray s = AttentionOps.bmm(q, false, k, true);
            if (scale != null) {
                ctx.save("raw", s.dup());
                s.muli(scale.value().getDouble(0));
            }
            return s;
        }
        double a = scale == null ? 1.0 : scale.value().getDouble(0);
        INDArray sum = AttentionOps.pairSum(q, k);
        INDArray t = AttentionOps.tanh(sum, a);
        INDArray tSum = t.sum(3);
        ctx.save("pair", new INDArray[]{sum, t, tSum});
        return tSum.mul(concatScoreWeight.value().getDouble(0));
    }

    /** The gradients of query and key from that of the scores; adds the score weights' gradients. */
    INDArray[] scoresBackward(INDArray ds, INDArray q, INDArray k, CallContext ctx) {
        if ("dot".equals(scoreMode)) {
            double c = 1.0;
            if (scale != null) {
                INDArray raw = ctx.saved("raw");
                scale.addGradient(ds.mul(raw).sum().reshape(new long[0]));
                c = scale.value().getDouble(0);
            }
            INDArray dsc = c == 1.0 ? ds : ds.mul(c);
            return new INDArray[]{AttentionOps.bmm(dsc, false, k, false), AttentionOps.bmm(dsc, true, q, false)};
        }
        INDArray[] pair = ctx.saved("pair");
        double w = concatScoreWeight.value().getDouble(0);
        double a = scale == null ? 1.0 : scale.value().getDouble(0);
        concatScoreWeight.addGradient(ds.mul(pair[2]).sum().reshape(new long[0]));
        long[] shape = pair[1].shape();
        INDArray dt = ds.mul(w).reshape(shape[0], shape[1], shape[2], 1).broadcast(shape);
        INDArray[] g = AttentionOps.tanhBackward(dt, pair[1], a);
        if (scale != null) {
            scale.addGradient(g[0].mul(pair[0]).sum().reshape(new long[0]));
        }
        return new INDArray[]{g[1], g[2]};
    }

    @Override
    public INDArray[] call(INDArray[] inputs, CallContext ctx) {
        validate(List.of(inputs).stream().map(INDArray::shape).toList());
        INDArray q = inputs[0];
        INDArray v = inputs[1];
        INDArray k = inputs.length > 2 ? inputs[2] : v;
        INDArray scores = scores(q, k, ctx);
        INDArray keep = AttentionOps.combine(scores.dataType(), q.size(0), q.size(1), k.size(1), null, ctx.inputMask(1), null,
                useCausalMask);
        AttentionOps.subtractMasked(scores, keep);
        INDArray p = AttentionOps.softmax(scores);
        INDArray weights = p;
        INDArray drop = null;
        if (ctx.training() && dropout > 0) {
            drop = AttentionOps.dropoutMask(p, dropout, seed, ctx);
            weights = p.mul(drop);
        }
        INDArray out = AttentionOps.bmm(weights, false, v, false);
        INDArray qKeep = AttentionOps.keep(ctx.inputMask(0), out.dataType());
        if (qKeep != null) {
            qKeep = qKeep.reshape(q.size(0), q.size(1), 1).broadcast(out.shape());
            out.muli(qKeep);
        }
        ctx.save("state", new INDArray[]{q, v, k, scores, weights, drop, qKeep});
        ctx.save("separateKey", inputs.length > 2);
        return returnAttentionScores ? new INDArray[]{out, weights} : new INDArray[]{out};
    }

    @Override
    public INDArray[] backward(INDArray[] outputGradients, CallContext ctx) {
        INDArray[] st = ctx.saved("state");
        INDArray q = st[0];
        INDArray v = st[1];
        INDArray k = st[2];
        INDArray dOut = st[6] == null ? outputGradients[0] : outputGradients[0].mul(st[6]);
        INDArray dWeights = AttentionOps.bmm(dOut, false, v, true);
        if (outputGradients.length > 1 && outputGradients[1] != null) {
            dWeights.addi(outputGradients[1]);
        }
        INDArray dv = AttentionOps.bmm(st[4], true, dOut, false);
        INDArray dp = st[5] == null ? dWeights : dWeights.muli(st[5]);
        INDArray ds = AttentionOps.softmaxBackward(st[3], dp);
        INDArray[] dqk = scoresBackward(ds, q, k, ctx);
        if (!(Boolean) ctx.saved("separateKey")) {
            return new INDArray[]{dqk[0], dv.addi(dqk[1])};
        }
        return new INDArray[]{dqk[0], dv, dqk[1]};
    }

    @Override
    public INDArray[] computeMask(INDArray[] inputs, INDArray[] masks) {
        return masks == null || masks[0] == null ? null : returnAttentionScores ? new INDArray[]{masks[0], null} : new INDArray[]{masks[0]};
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("use_scale", useScale);
        config.put("score_mode", scoreMode);
        config.put("dropout", dropout);
        config.put("seed", seed);
        return config;
    }

    /** Applies the keys Attention and AdditiveAttention share. */
    static <L extends Attention> L applyCommon(Config c, L layer) {
        layer.dropout(c.getDouble("dropout", 0.0));
        if (c.raw("seed") != null) {
            layer.seed(((Number) c.raw("seed")).longValue());
        }
        return c.applyBase(layer);
    }

    /** An Attention layer from its Keras config. */
    public static Attention fromConfig(Map<String, Object> map) {
        Config c = new Config("Attention", map).allow("use_scale", "score_mode", "dropout", "seed");
        return applyCommon(c, new Attention(c.getBoolean("use_scale", false), c.getString("score_mode", "dot")));
    }
}
