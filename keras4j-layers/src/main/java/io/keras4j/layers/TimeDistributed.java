package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.KerasWeights;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Shapes;
import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/**
 * Applies a layer to every temporal slice of an input, as keras/src/layers/rnn/time_distributed.py
 * {@code TimeDistributed}: input {@code (batch, timesteps, ...)} is folded to {@code (batch * timesteps, ...)},
 * passed through {@code layer} (one set of weights for all timesteps) and unfolded to
 * {@code (batch, timesteps, ...)}. The input mask passes through; a mask with more axes than {@code (batch, timesteps)}
 * reaches the wrapped layer per timestep (e.g. {@code TimeDistributed(LSTM)} over {@code (batch, sentences, words, dim)}).
 * <pre>{@code new TimeDistributed(new Dense(8))}</pre>
 */
public class TimeDistributed extends Layer implements KerasWeights {
    private final Layer layer;

    /** @param layer the layer applied to each timestep */
    public TimeDistributed(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("TimeDistributed: argument `layer` must be a layer, got null");
        }
        this.layer = layer;
    }

    public Layer layer() {
        return layer;
    }

    private static long[] inner(long[] shape) {
        long[] out = new long[shape.length - 1];
        out[0] = shape[0] < 0 || shape[1] < 0 ? -1 : shape[0] * shape[1];
        System.arraycopy(shape, 2, out, 1, shape.length - 2);
        return out;
    }

    @Override
    protected void build(long[] inputShape) {
        if (inputShape.length < 3) {
            throw new IllegalArgumentException("TimeDistributed \"" + name() + "\" expects an input of rank >= 3 (batch, timesteps, ...), got "
                    + Shapes.format(inputShape));
        }
        layer.ensureBuilt(List.of(inner(inputShape)));
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        long[] out = layer.computeOutputShapes(List.of(inner(inputShape))).get(0);
        long[] result = new long[out.length + 1];
        result[0] = inputShape[0];
        result[1] = inputShape[1];
        System.arraycopy(out, 1, result, 2, out.length - 1);
        return result;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        long[] shape = input.shape();
        INDArray folded = input.reshape('c', inner(shape));
        // Keras passes step i's mask to the wrapped layer; folded, a (batch, timesteps, ...) mask becomes (batch * timesteps,
        // ...). A (batch, timesteps) mask would fold to one value per row: the wrapped layers that read masks take none.
        INDArray mask = ctx.inputMask(0);
        INDArray innerMask = mask == null || mask.rank() < 3 ? null : mask.reshape('c', inner(mask.shape()));
        INDArray y = layer.call(new INDArray[]{folded}, NestedLayers.child(ctx, "inner", 1, innerMask))[0];
        long[] out = new long[y.rank() + 1];
        out[0] = shape[0];
        out[1] = shape[1];
        System.arraycopy(y.shape(), 1, out, 2, y.rank() - 1);
        ctx.save("shape", shape);
        return y.reshape('c', out);
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        long[] shape = ctx.saved("shape");
        CallContext child = ctx.saved("inner");
        INDArray g = gradOutput.reshape('c', inner(gradOutput.shape()));
        INDArray dx = layer.backward(new INDArray[]{g}, child)[0];
        return dx == null ? null : dx.reshape('c', shape);
    }

    /** Passes the (first) input mask on, as Keras's {@code supports_masking = True} for this layer. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    /** Keras 3 keeps the wrapped layer's variables under {@code layer/}. */
    @Override
    public Map<String, List<INDArray>> kerasVariables() {
        return KerasLayouts.nested("layer/", layer);
    }

    @Override
    public void setKerasVariables(Map<String, List<INDArray>> groups) {
        KerasLayouts.setNested("layer/", layer, groups);
    }

    /** Legacy files list the wrapped layer's arrays. */
    @Override
    public void setLegacyWeights(List<String> names, List<INDArray> arrays, String kerasVersion, String backend) {
        if (layer instanceof KerasWeights) {
            ((KerasWeights) layer).setLegacyWeights(names, arrays, kerasVersion, backend);
        } else {
            KerasLayouts.assign(layer, layer.weights(), arrays);
        }
    }

    @Override
    public List<Variable> weights() {
        return layer.weights();
    }

    @Override
    public List<Variable> trainableWeights() {
        return trainable() ? layer.trainableWeights() : List.of();
    }

    @Override
    public List<Variable> nonTrainableWeights() {
        return trainable() ? layer.nonTrainableWeights() : layer.weights();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("layer", NestedLayers.serialize(layer));
        return config;
    }

    /** A TimeDistributed layer from its Keras config. */
    public static TimeDistributed fromConfig(Map<String, Object> map) {
        Config c = new Config("TimeDistributed", map).allow("layer");
        return c.applyBase(new TimeDistributed(NestedLayers.deserialize("TimeDistributed", "layer", c.raw("layer"), null)));
    }
}
