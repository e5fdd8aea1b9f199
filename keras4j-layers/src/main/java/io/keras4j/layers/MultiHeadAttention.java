package io.keras4j.layers;

import io.keras4j.backend.Blas;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.KerasWeights;
import io.keras4j.engine.Shapes;
import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-head attention, as keras/src/layers/attention/multi_head_attention.py {@code MultiHeadAttention}. For rank-3
 * inputs (Keras's default {@code attention_axes=None} attends over the sequence axis):
 * <pre>
 * Q = query @ query/kernel + query/bias        (batch, T, num_heads, key_dim)
 * K = key   @ key/kernel   + key/bias          (batch, S, num_heads, key_dim)
 * V = value @ value/kernel + value/bias        (batch, S, num_heads, value_dim)
 * scores = softmax(where(mask, (Q / sqrt(key_dim)) . K, -1e9), over S)   per head: (batch, num_heads, T, S)
 * output = dropout(scores) . V @ attention_output/kernel + attention_output/bias
 * </pre>
 * Inputs of higher rank {@code (batch, d_1, ..., d_m, dim)} attend over {@link #attentionAxes(int...)} (default: all
 * of {@code d_1 ... d_m}), with one softmax over the flattened attention axes; the other axes act as batch axes
 * ({@code _build_attention_equation}). Weights as Keras stores them: {@code query/kernel (dim, num_heads, key_dim)},
 * {@code query/bias (num_heads, key_dim)}, the same for {@code key} and {@code value} ({@code value_dim}),
 * {@code attention_output/kernel (num_heads, value_dim, out)}, {@code attention_output/bias (out,)}, with
 * {@code out = output_shape} or the query's last dimension. The mask is the AND of the query mask {@code [..., 1]},
 * the value and key masks (expanded at axis -2; mask propagation), the causal mask {@code (1, T, S)} over axis 1
 * ({@link #useCausalMask(boolean)}) and an explicit {@code attention_mask} (rank 3: {@code (batch, T, S)}; in general
 * broadcastable to the scores without their heads axis), given as a fourth input: {@code apply(query, value, key,
 * attentionMask)} (pass value as key for the default). In {@code .keras} and {@code .weights.h5} files each projection's kernel and
 * bias sit in the group of Keras's EinsumDense sublayer ({@code query_dense/vars}, {@code key_dense/vars},
 * {@code value_dense/vars}, {@code output_dense/vars}); legacy {@code .h5} files list them flat in the order above. As Keras on TensorFlow computes it, a fully masked row of a
 * rank-3 input attends uniformly unless the scores are returned or dropout is on (then, and for higher ranks, its
 * weights are 0).
 * <pre>{@code KerasTensor out = new MultiHeadAttention(2, 16).apply(query, value);
 * KerasTensor image = new MultiHeadAttention(2, 16).attentionAxes(1, 2).apply(pixels, pixels);  // (batch, H, W, dim)}</pre>
 */
public class MultiHeadAttention extends KernelBiasLayer<MultiHeadAttention> implements KerasWeights {
    private static final String[] PROJECTIONS = {"query", "key", "value", "attention_output"};
    /** The EinsumDense sublayers Keras 3 keeps each projection's kernel and bias in. */
    private static final String[] KERAS_GROUPS = {"query_dense/vars", "key_dense/vars", "value_dense/vars", "output_dense/vars"};
    private final int numHeads;
    private final int keyDim;
    private final int valueDim;
    private double dropout;
    private boolean useBias = true;
    private Integer outputShape;
    private int[] attentionAxes;
    private Long seed;
    private boolean useCausalMask;
    private boolean returnAttentionScores;
    private final Variable[] kernels = new Variable[4];
    private final Variable[] biases = new Variable[4];
    private final HeadProjection[] projections = new HeadProjection[3];
    private AttentionAxes layout;

    public MultiHeadAttention(int numHeads, int keyDim) {
        this(numHeads, keyDim, null);
    }

    /** @param valueDim size of each attention head for the value; null for key_dim */
    public MultiHeadAttention(int numHeads, int keyDim, Integer valueDim) {
        positive("num_heads", numHeads);
        positive("key_dim", keyDim);
        if (valueDim != null) {
            positive("value_dim", valueDim);
        }
        this.numHeads = numHeads;
        this.keyDim = keyDim;
        this.valueDim = valueDim == null ? keyDim : valueDim;
    }

    private static void positive(String argument, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("MultiHeadAttention: received an invalid value for argument `" + argument
                    + "`, expected a positive integer, got " + value);
        }
    }

    private void requireUnbuilt(String argument) {
        if (built()) {
            throw new IllegalStateException("MultiHeadAttention \"" + name() + "\": `" + argument + "` cannot change after the layer is built");
        }
    }

    public MultiHeadAttention dropout(double dropout) {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("MultiHeadAttention: argument `dropout` must be in [0, 1), got " + dropout);
        }
        this.dropout = dropout;
        return this;
    }

    public MultiHeadAttention useBias(boolean useBias) {
        requireUnbuilt("use_bias");
        this.useBias = useBias;
        return this;
    }

    /** The last dimension of the output; null for the query's last dimension. */
    public MultiHeadAttention outputShape(Integer outputShape) {
        requireUnbuilt("output_shape");
        if (outputShape != null) {
            positive("output_shape", outputShape);
        }
        this.outputShape = outputShape;
        return this;
    }

    /**
     * Keras's {@code attention_axes}: the axes of the inputs {@code (batch, d_1, ..., d_m, dim)} attention runs over
     * (softmax over all of them at once); the other {@code d_i} are batch axes. Null (the default) for all of
     * {@code d_1 ... d_m}; negative axes count from the end ({@code -2} is {@code d_m}).
     */
    public MultiHeadAttention attentionAxes(int... axes) {
        requireUnbuilt("attention_axes");
        if (axes != null && axes.length == 0) {
            throw new IllegalArgumentException("MultiHeadAttention: argument `attention_axes` must name at least one axis, got []");
        }
        this.attentionAxes = axes == null ? null : axes.clone();
        return this;
    }

    public MultiHeadAttention seed(long seed) {
        this.seed = seed;
        return this;
    }

    public MultiHeadAttention useCausalMask(boolean useCausalMask) {
        this.useCausalMask = useCausalMask;
        return this;
    }

    /**
     * Adds the attention weights as a second output, shaped as Keras's {@code (batch, <non-attention axes>, num_heads,
     * <query attention axes>, <key attention axes>)}: {@code (batch, num_heads, T, S)} for rank-3 inputs.
     */
    public MultiHeadAttention returnAttentionScores(boolean returnAttentionScores) {
        requireUnbuilt("return_attention_scores");
        this.returnAttentionScores = returnAttentionScores;
        return this;
    }

    private AttentionAxes validate(List<long[]> shapes) {
        if (shapes.size() < 2 || shapes.size() > 4) {
            throw new IllegalArgumentException("MultiHeadAttention \"" + name() + "\" expects inputs (query, value), (query, value, key) "
                    + "or (query, value, key, attention_mask), got " + shapes.size() + " input(s)");
        }
        long[] q = shapes.get(0);
        long[] v = shapes.get(1);
        long[] k = shapes.size() > 2 ? shapes.get(2) : v;
        if (q.length < 3 || v.length != q.length || k.length != q.length) {
            throw new IllegalArgumentException("MultiHeadAttention \"" + name() + "\" expects query, value and key of one rank >= 3 "
                    + "(batch, ..., dim), got " + Shapes.format(shapes));
        }
        for (int i = 1; i < v.length - 1; i++) {
            if (v[i] >= 0 && k[i] >= 0 && v[i] != k[i]) {
                throw new IllegalArgumentException("MultiHeadAttention \"" + name() + "\": all dimensions of `value` and `key`, except "
                        + "the last one, must be equal, got value_shape=" + Shapes.format(v) + " and key_shape=" + Shapes.format(k));
            }
        }
        AttentionAxes axes = new AttentionAxes(name(), attentionAxes, q.length);
        axes.checkKey(q, k);
        return axes;
    }

    @Override
    protected void build(List<long[]> inputShapes) {
        layout = validate(inputShapes);
        long[] dims = {last(inputShapes.get(0)), last(inputShapes.size() > 2 ? inputShapes.get(2) : inputShapes.get(1)),
                last(inputShapes.get(1))};
        int[] heads = {keyDim, keyDim, valueDim};
        for (int p = 0; p < 3; p++) {
            kernels[p] = addKernel(PROJECTIONS[p] + "/kernel", new long[]{dims[p], numHeads, heads[p]});
            if (useBias) {
                biases[p] = addBias(PROJECTIONS[p] + "/bias", new long[]{numHeads, heads[p]});
            }
            projections[p] = new HeadProjection(kernels[p], biases[p], PROJECTIONS[p]);
        }
        long out = outputDim(inputShapes.get(0));
        kernels[3] = addKernel("attention_output/kernel", new long[]{numHeads, valueDim, out});
        if (useBias) {
            biases[3] = addBias("attention_output/bias", new long[]{out});
        }
    }

    private static long last(long[] shape) {
        return shape[shape.length - 1];
    }

    private long outputDim(long[] queryShape) {
        return outputShape != null ? outputShape : last(queryShape);
    }

    @Override
    public List<long[]> computeOutputShapes(List<long[]> shapes) {
        AttentionAxes axes = validate(shapes);
        long[] q = shapes.get(0);
        long[] o = q.clone();
        o[o.length - 1] = outputDim(q);
        List<long[]> out = new ArrayList<>();
        out.add(o);
        if (returnAttentionScores) {
            out.add(axes.scoresShape(q, shapes.get(1), numHeads));
        }
        return out;
    }

    @Override
    protected int outputCount() {
        return returnAttentionScores ? 2 : 1;
    }

    @Override
    public INDArray[] call(INDArray[] inputs, CallContext ctx) {
        validate(List.of(inputs).stream().map(INDArray::shape).toList());
        if (inputs[0].rank() != layout.rank()) {
            throw new IllegalArgumentException("MultiHeadAttention \"" + name() + "\" was built for inputs of rank " + layout.rank()
                    + ", got query of shape " + Shapes.format(inputs[0].shape()));
        }
        long[] queryShape = inputs[0].shape();
        long[] valueShape = inputs[1].shape();
        INDArray query = layout.toRank3(inputs[0]);
        INDArray value = layout.toRank3(inputs[1]);
        INDArray key = inputs.length > 2 ? layout.toRank3(inputs[2]) : value;
        long b = query.size(0);
        long t = query.size(1);
        long s = value.size(1);
        DataType dtype = query.dataType();
        INDArray[] masks = masks(inputs, ctx, b, t, s);
        INDArray keep = masks == null ? null : masks[0];
        INDArray q = projections[0].forward(query, ctx);
        INDArray k = projections[1].forward(key, ctx);
        INDArray v = projections[2].forward(value, ctx);
        INDArray scores = ctx.buffer("scores", dtype, b, numHeads, t, s);
        AttentionOps.matmul(HeadProjection.heads(q, b, numHeads), false, HeadProjection.heads(k, b, numHeads), true, scores,
                1.0 / Math.sqrt(keyDim));
        if (keep != null) {
            AttentionOps.replaceMasked(scores, keep, masks[1]);
        }
        INDArray p = AttentionOps.softmax(scores, ctx.buffer("p", dtype, b, numHeads, t, s));
        boolean zeroMasked = keep != null && (dropout > 0 || returnAttentionScores || queryShape.length > 3);
        if (zeroMasked) {
            AttentionOps.multiplyKeep(p, keep);
        }
        INDArray weights = p;
        INDArray drop = null;
        if (ctx.training() && dropout > 0) {
            drop = AttentionOps.dropoutMask(p, dropout, seed, ctx);
            weights = ctx.buffer("weights", dtype, b, numHeads, t, s).assign(p).muli(drop);
        }
        INDArray heads = ctx.buffer("heads", dtype, b * t, (long) numHeads * valueDim);
        AttentionOps.matmul(weights, false, HeadProjection.heads(v, b, numHeads), false, HeadProjection.heads(heads, b, numHeads), 1.0);
        long outDim = kernels[3].value().size(2);
        INDArray out = ctx.buffer("out", dtype, b * t, outDim);
        Blas.matmul(heads, false, kernels[3].value().reshape('c', (long) numHeads * valueDim, outDim), false, out, 0.0);
        if (biases[3] != null) {
            out.addiRowVector(biases[3].value());
        }
        ctx.save("state", new INDArray[]{query, value, key, q, k, v, scores, weights, drop, keep, heads});
        ctx.save("zeroMasked", zeroMasked);
        ctx.save("inputCount", inputs.length);
        ctx.save("inputShapes", new long[][]{queryShape, valueShape, inputs.length > 2 ? inputs[2].shape() : null});
        INDArray output = layout.fromRank3(out, queryShape, outDim);
        return returnAttentionScores ? new INDArray[]{output, layout.scoresFromHeads(p, layout.scoresShape(queryShape, valueShape, numHeads))}
                : new INDArray[]{output};
    }

    /**
     * The keep mask {@code (batch' or 1, heads or 1, T, S)} and its {@link AttentionOps#negative}, or null. A causal mask
     * alone does not depend on the data: it is built once per shape, at full size, and kept in the context.
     */
    private INDArray[] masks(INDArray[] inputs, CallContext ctx, long b, long t, long s) {
        DataType dtype = inputs[0].dataType();
        long[] queryShape = inputs[0].shape();
        long[] valueShape = inputs[1].shape();
        INDArray keyMask = inputs.length > 2 ? ctx.inputMask(2) : null;
        INDArray explicit = inputs.length > 3 ? inputs[3] : null;
        if (useCausalMask && ctx.inputMask(0) == null && ctx.inputMask(1) == null && keyMask == null && explicit == null) {
            String key = "causal " + dtype + java.util.Arrays.toString(queryShape) + java.util.Arrays.toString(valueShape);
            return ctx.computeIfAbsent(key, () -> {
                INDArray keep = layout.keep(dtype, queryShape, valueShape, numHeads, null, null, null, null, true);
                INDArray full = keep.broadcast(b, numHeads, t, s).dup('c');
                return new INDArray[]{full, AttentionOps.negative(full)};
            });
        }
        INDArray keep = layout.keep(dtype, queryShape, valueShape, numHeads, ctx.inputMask(0), ctx.inputMask(1), keyMask, explicit,
                useCausalMask);
        return keep == null ? null : new INDArray[]{keep, AttentionOps.negative(keep)};
    }

    @Override
    public INDArray[] backward(INDArray[] outputGradients, CallContext ctx) {
        INDArray[] st = ctx.saved("state");
        long[][] shapes = ctx.saved("inputShapes");
        INDArray heads = st[10];
        DataType dtype = heads.dataType();
        long b = st[0].size(0);
        long t = st[0].size(1);
        long s = st[1].size(1);
        long outDim = kernels[3].value().size(2);
        INDArray dOut = layout.toRank3(outputGradients[0]).reshape('c', b * t, outDim);
        INDArray wo = kernels[3].value().reshape('c', heads.size(1), outDim);
        Blas.matmul(heads, true, dOut, false, kernels[3].gradient().reshape('c', heads.size(1), outDim), kernels[3].beginGradientWrite());
        if (biases[3] != null) {
            addBiasGradient(biases[3], dOut, ctx);
        }
        INDArray dHeads = ctx.buffer("d_heads", dtype, b * t, heads.size(1));
        Blas.matmul(dOut, false, wo, true, dHeads, 0.0);
        INDArray dHeads4 = HeadProjection.heads(dHeads, b, numHeads);
        INDArray dp = ctx.buffer("d_weights", dtype, b, numHeads, t, s);
        AttentionOps.matmul(dHeads4, false, HeadProjection.heads(st[5], b, numHeads), true, dp, 1.0);
        INDArray dv = ctx.buffer("d_v", dtype, b * s, st[5].size(1));
        AttentionOps.matmul(st[7], true, dHeads4, false, HeadProjection.heads(dv, b, numHeads), 1.0);
        if (st[8] != null) {
            dp.muli(st[8]);
        }
        if (outputGradients.length > 1 && outputGradients[1] != null) {
            dp.addi(outputGradients[1].reshape('c', dp.shape()));
        }
        if ((Boolean) ctx.saved("zeroMasked")) {
            AttentionOps.multiplyKeep(dp, st[9]);
        }
        INDArray ds = AttentionOps.softmaxBackward(st[6], dp, ctx.buffer("d_scores", dtype, b, numHeads, t, s));
        if (st[9] != null) {
            AttentionOps.multiplyKeep(ds, st[9]);
        }
        double inv = 1.0 / Math.sqrt(keyDim);
        INDArray dq = ctx.buffer("d_q", dtype, b * t, st[3].size(1));
        AttentionOps.matmul(ds, false, HeadProjection.heads(st[4], b, numHeads), false, HeadProjection.heads(dq, b, numHeads), inv);
        INDArray dk = ctx.buffer("d_k", dtype, b * s, st[4].size(1));
        AttentionOps.matmul(ds, true, HeadProjection.heads(st[3], b, numHeads), false, HeadProjection.heads(dk, b, numHeads), inv);
        int count = shapes[2] == null ? 2 : 3;
        INDArray[] grads = new INDArray[(Integer) ctx.saved("inputCount")];
        grads[0] = original(projections[0].backward(st[0], dq, ctx.needsInputGradient(0), ctx), shapes[0]);
        INDArray dKey = projections[1].backward(st[2], dk, count > 2 ? ctx.needsInputGradient(2) : ctx.needsInputGradient(1), ctx);
        INDArray dValue = projections[2].backward(st[1], dv, ctx.needsInputGradient(1), ctx);
        if (count > 2) {
            grads[2] = original(dKey, shapes[2]);
        } else if (dKey != null) {
            dValue.addi(dKey);
        }
        grads[1] = original(dValue, shapes[1]);
        return grads;
    }

    private INDArray original(INDArray rank3, long[] shape) {
        return rank3 == null ? null : layout.fromRank3(rank3, shape, shape[shape.length - 1]);
    }

    /** Passes the (first) input mask on, as Keras's {@code supports_masking = True} for this layer. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("num_heads", numHeads);
        config.put("key_dim", keyDim);
        config.put("value_dim", valueDim);
        config.put("dropout", dropout);
        config.put("use_bias", useBias);
        config.put("use_gate", false);
        config.put("output_shape", outputShape == null ? null : List.of(outputShape));
        int[] axes = layout != null ? layout.axes() : attentionAxes;
        config.put("attention_axes", axes == null ? null : java.util.Arrays.stream(axes).boxed().toList());
        config.put("sliding_window", null);
        putKernelBiasConfig(config, true);
        config.put("seed", seed);
        return config;
    }

    /** A MultiHeadAttention layer from its Keras config (use_gate, sliding_window and activity_regularizer unsupported). */
    public static MultiHeadAttention fromConfig(Map<String, Object> map) {
        Config c = new Config("MultiHeadAttention", map).allow("num_heads", "key_dim", "value_dim", "dropout", "use_bias", "use_gate",
                "output_shape", "attention_axes", "sliding_window", "flash_attention", "kernel_initializer", "bias_initializer",
                "kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint", "seed");
        for (String unsupported : new String[]{"use_gate", "sliding_window", "activity_regularizer"}) {
            Object v = c.raw(unsupported);
            if (v != null && !Boolean.FALSE.equals(v)) {
                throw new IllegalArgumentException("MultiHeadAttention: argument `" + unsupported + "` is not supported, got " + v);
            }
        }
        MultiHeadAttention layer = new MultiHeadAttention(c.getInt("num_heads"), c.getInt("key_dim"),
                c.raw("value_dim") == null ? null : c.getInt("value_dim"))
                .dropout(c.getDouble("dropout", 0.0))
                .useBias(c.getBoolean("use_bias", true));
        configureKernelBias(layer, c);
        Object shape = c.raw("output_shape");
        if (shape != null) {
            long[] dims = c.getLongs("output_shape");
            if (dims.length != 1) {
                throw new IllegalArgumentException("MultiHeadAttention: argument `output_shape` supports one dimension, got " + shape);
            }
            layer.outputShape((int) dims[0]);
        }
        Object axes = c.raw("attention_axes");
        if (axes != null) {
            layer.attentionAxes(java.util.Arrays.stream(c.getLongs("attention_axes")).mapToInt(x -> (int) x).toArray());
        }
        if (c.raw("seed") != null) {
            layer.seed(((Number) c.raw("seed")).longValue());
        }
        return c.applyBase(layer);
    }

    @Override
    public Map<String, List<INDArray>> kerasVariables() {
        Map<String, List<INDArray>> groups = new LinkedHashMap<>();
        for (int p = 0; p < KERAS_GROUPS.length; p++) {
            groups.put(KERAS_GROUPS[p], KerasLayouts.values(projection(p)));
        }
        return groups;
    }

    @Override
    public void setKerasVariables(Map<String, List<INDArray>> groups) {
        for (int p = 0; p < KERAS_GROUPS.length; p++) {
            KerasLayouts.assign(this, projection(p), groups.getOrDefault(KERAS_GROUPS[p], List.of()));
        }
    }

    @Override
    public void setLegacyWeights(List<String> names, List<INDArray> arrays, String kerasVersion, String backend) {
        KerasLayouts.assign(this, weights(), arrays);
    }

    /** Projection p's kernel and (with use_bias) bias, as one EinsumDense sublayer of Keras holds them. */
    private List<Variable> projection(int p) {
        if (kernels[p] == null) {
            throw new IllegalStateException("MultiHeadAttention '" + name() + "' is not built: its weights do not exist yet");
        }
        return useBias ? List.of(kernels[p], biases[p]) : List.of(kernels[p]);
    }
}
