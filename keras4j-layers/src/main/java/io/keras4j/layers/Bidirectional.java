package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.KerasWeights;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bidirectional wrapper for RNNs, as keras/src/layers/rnn/bidirectional.py {@code Bidirectional}: runs a copy
 * of {@code layer} forward ("forward_" + name) and a copy with {@code go_backwards} flipped ("backward_" + name)
 * over the same input; with return_sequences the backward outputs are flipped back to input order. The two
 * outputs are merged by {@code merge_mode}: "concat" (default, last axis), "sum", "mul", "ave", or null (both
 * outputs returned). With return_state the outputs are followed by the forward then the backward states.
 * Weights: the forward layer's, then the backward layer's.
 * <pre>{@code new Bidirectional(new LSTM(64).returnSequences(true))}</pre>
 */
public class Bidirectional extends Layer implements KerasWeights {
    private final BaseRNN<?> forwardLayer;
    private final BaseRNN<?> backwardLayer;
    private String mergeMode = "concat";

    /** @param layer the recurrent layer to run in both directions (LSTM, GRU, SimpleRNN or RNN) */
    public Bidirectional(Layer layer) {
        this(layer, null);
    }

    /** With an explicit {@code backward_layer} (must have go_backwards true). */
    public Bidirectional(Layer layer, Layer backwardLayer) {
        if (!(layer instanceof BaseRNN)) {
            throw new IllegalArgumentException("Bidirectional: argument `layer` must be a recurrent layer (LSTM, GRU, SimpleRNN, RNN), got "
                    + (layer == null ? "null" : layer.className()));
        }
        String base = layer.name().startsWith("forward_") ? layer.name().substring(8) : layer.name();
        this.forwardLayer = (BaseRNN<?>) copy(layer, "forward_" + base, false);
        if (backwardLayer == null) {
            this.backwardLayer = (BaseRNN<?>) copy(layer, "backward_" + base, true);
        } else if (!(backwardLayer instanceof BaseRNN) || !((BaseRNN<?>) backwardLayer).goBackwards()) {
            throw new IllegalArgumentException("Bidirectional: `backward_layer` must be a recurrent layer with go_backwards=True, got " + backwardLayer);
        } else {
            this.backwardLayer = (BaseRNN<?>) backwardLayer;
        }
    }

    private static Layer copy(Layer layer, String name, boolean flip) {
        Map<String, Object> config = new LinkedHashMap<>(layer.getConfig());
        config.put("name", name);
        if (flip) {
            config.put("go_backwards", !((BaseRNN<?>) layer).goBackwards());
        }
        return io.keras4j.engine.LayerProvider.fromConfig(layer.className(), config);
    }

    /** "concat", "sum", "mul", "ave", or null for a list of both outputs. */
    public Bidirectional mergeMode(String mergeMode) {
        if (mergeMode != null && !List.of("concat", "sum", "mul", "ave").contains(mergeMode)) {
            throw new IllegalArgumentException("Bidirectional: invalid merge_mode '" + mergeMode
                    + "'; expected one of [concat, sum, mul, ave] or null");
        }
        this.mergeMode = mergeMode;
        return this;
    }

    public Layer forwardLayer() {
        return forwardLayer;
    }

    public Layer backwardLayer() {
        return backwardLayer;
    }

    @Override
    protected void build(List<long[]> inputShapes) {
        forwardLayer.ensureBuilt(inputShapes);
        backwardLayer.ensureBuilt(inputShapes);
    }

    private int stateCount() {
        return forwardLayer.returnState() ? forwardLayer.stateSizes().length : 0;
    }

    @Override
    public List<long[]> computeOutputShapes(List<long[]> inputShapes) {
        List<long[]> f = forwardLayer.computeOutputShapes(inputShapes);
        List<long[]> b = backwardLayer.computeOutputShapes(inputShapes);
        List<long[]> out = new ArrayList<>();
        if (mergeMode == null) {
            out.add(f.get(0));
            out.add(b.get(0));
        } else {
            long[] y = f.get(0).clone();
            if (mergeMode.equals("concat")) {
                y[y.length - 1] += b.get(0)[y.length - 1];
            }
            out.add(y);
        }
        out.addAll(f.subList(1, f.size()));
        out.addAll(b.subList(1, b.size()));
        return out;
    }

    private static INDArray flipTime(INDArray y) {
        INDArray out = y.ulike();
        Nd4j.exec(new Reverse(y, out, 1));
        return out;
    }

    @Override
    public INDArray[] call(INDArray[] inputs, CallContext ctx) {
        INDArray[] f = forwardLayer.call(inputs, NestedLayers.child(ctx, "forward", inputs.length, ctx.inputMask(0)));
        INDArray[] b = backwardLayer.call(inputs, NestedLayers.child(ctx, "backward", inputs.length, ctx.inputMask(0)));
        INDArray yf = f[0];
        INDArray yb = backwardLayer.returnSequences() ? flipTime(b[0]) : b[0];
        ctx.save("y", new INDArray[]{yf, yb});
        List<INDArray> out = new ArrayList<>();
        if (mergeMode == null) {
            out.add(yf);
            out.add(yb);
        } else {
            switch (mergeMode) {
                case "concat" -> out.add(Nd4j.concat(yf.rank() - 1, yf, yb));
                case "sum" -> out.add(yf.add(yb));
                case "mul" -> out.add(yf.mul(yb));
                default -> out.add(yf.add(yb).muli(0.5));
            }
        }
        out.addAll(Arrays.asList(f).subList(1, f.length));
        out.addAll(Arrays.asList(b).subList(1, b.length));
        return out.toArray(new INDArray[0]);
    }

    @Override
    public INDArray[] backward(INDArray[] outputGradients, CallContext ctx) {
        INDArray[] y = ctx.saved("y");
        INDArray gf;
        INDArray gb;
        int next = 1;
        if (mergeMode == null) {
            gf = outputGradients[0];
            gb = outputGradients[1];
            next = 2;
        } else {
            INDArray g = outputGradients[0];
            switch (mergeMode) {
                case "concat" -> {
                    long u = y[0].size(y[0].rank() - 1);
                    gf = g.get(lastAxis(g.rank(), 0, u)).dup();
                    gb = g.get(lastAxis(g.rank(), u, g.size(g.rank() - 1))).dup();
                }
                case "sum" -> {
                    gf = g;
                    gb = g;
                }
                case "mul" -> {
                    gf = g.mul(y[1]);
                    gb = g.mul(y[0]);
                }
                default -> {
                    gf = g.mul(0.5);
                    gb = gf;
                }
            }
        }
        if (backwardLayer.returnSequences()) {
            gb = flipTime(gb);
        }
        int states = stateCount();
        INDArray[] fg = new INDArray[1 + states];
        INDArray[] bg = new INDArray[1 + states];
        fg[0] = gf;
        bg[0] = gb;
        for (int k = 0; k < states; k++) {
            fg[1 + k] = outputGradients[next + k];
            bg[1 + k] = outputGradients[next + states + k];
        }
        INDArray[] df = forwardLayer.backward(fg, ctx.saved("forward"));
        INDArray[] db = backwardLayer.backward(bg, ctx.saved("backward"));
        INDArray[] dx = new INDArray[df.length];
        for (int i = 0; i < dx.length; i++) {
            dx[i] = df[i] == null ? db[i] : db[i] == null ? df[i] : df[i].add(db[i]);
        }
        return dx;
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex[] lastAxis(int rank, long from, long to) {
        org.nd4j.linalg.indexing.INDArrayIndex[] idx = new org.nd4j.linalg.indexing.INDArrayIndex[rank];
        Arrays.fill(idx, NDArrayIndex.all());
        idx[rank - 1] = NDArrayIndex.interval(from, to);
        return idx;
    }

    @Override
    public INDArray[] computeMask(INDArray[] inputs, INDArray[] masks) {
        if (masks == null || masks[0] == null || !forwardLayer.returnSequences()) {
            return null;
        }
        INDArray[] out = new INDArray[computeOutputShapes(List.of(inputs[0].shape())).size()];
        out[0] = masks[0];
        if (mergeMode == null) {
            out[1] = masks[0];
        }
        return out;
    }

    /** Keras 3 keeps the two layers' variables under {@code forward_layer/} and {@code backward_layer/}. */
    @Override
    public Map<String, List<INDArray>> kerasVariables() {
        Map<String, List<INDArray>> groups = new LinkedHashMap<>(KerasLayouts.nested("forward_layer/", forwardLayer));
        groups.putAll(KerasLayouts.nested("backward_layer/", backwardLayer));
        return groups;
    }

    @Override
    public void setKerasVariables(Map<String, List<INDArray>> groups) {
        KerasLayouts.setNested("forward_layer/", forwardLayer, groups);
        KerasLayouts.setNested("backward_layer/", backwardLayer, groups);
    }

    /** Legacy files list the forward layer's arrays, then the backward layer's (as many). */
    @Override
    public void setLegacyWeights(List<String> names, List<INDArray> arrays, String kerasVersion, String backend) {
        if (arrays.size() % 2 != 0) {
            throw new IllegalArgumentException("Bidirectional \"" + name() + "\" expects as many forward as backward weight arrays, got "
                    + arrays.size() + " " + names);
        }
        int half = arrays.size() / 2;
        forwardLayer.setLegacyWeights(names.subList(0, half), arrays.subList(0, half), kerasVersion, backend);
        backwardLayer.setLegacyWeights(names.subList(half, arrays.size()), arrays.subList(half, arrays.size()), kerasVersion, backend);
    }

    @Override
    public List<Variable> weights() {
        List<Variable> all = new ArrayList<>(forwardLayer.weights());
        all.addAll(backwardLayer.weights());
        return all;
    }

    @Override
    public List<Variable> trainableWeights() {
        if (!trainable()) {
            return List.of();
        }
        List<Variable> all = new ArrayList<>(forwardLayer.trainableWeights());
        all.addAll(backwardLayer.trainableWeights());
        return all;
    }

    @Override
    public List<Variable> nonTrainableWeights() {
        if (!trainable()) {
            return weights();
        }
        List<Variable> all = new ArrayList<>(forwardLayer.nonTrainableWeights());
        all.addAll(backwardLayer.nonTrainableWeights());
        return all;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("merge_mode", mergeMode);
        config.put("layer", NestedLayers.serialize(forwardLayer));
        config.put("backward_layer", NestedLayers.serialize(backwardLayer));
        return config;
    }

    /** A Bidirectional layer from its Keras config ({@code layer}, optional {@code backward_layer}, {@code merge_mode}). */
    public static Bidirectional fromConfig(Map<String, Object> map) {
        Config c = new Config("Bidirectional", map).allow("layer", "backward_layer", "merge_mode");
        Layer layer = NestedLayers.deserialize("Bidirectional", "layer", c.raw("layer"), null);
        Layer backward = c.has("backward_layer") ? NestedLayers.deserialize("Bidirectional", "backward_layer", c.raw("backward_layer"), null) : null;
        Bidirectional b = new Bidirectional(layer, backward).mergeMode(map.containsKey("merge_mode") ? (String) map.get("merge_mode") : "concat");
        return c.applyBase(b);
    }
}
