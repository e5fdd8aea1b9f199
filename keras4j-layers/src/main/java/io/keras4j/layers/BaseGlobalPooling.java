package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.InputSpec;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;

import java.util.Map;

/**
 * The shared mechanics of the global pooling layers, as keras/src/layers/pooling/base_global_pooling.py
 * {@code BaseGlobalPooling}: the maximum or the mean over all spatial axes, per sample and channel.
 * Output {@code (batch, channels)}, or with {@code keepdims} the input rank with spatial sizes 1.
 * The gradient of the maximum is shared equally among tied maxima, as TensorFlow's {@code reduce_max}.
 *
 * @param <T> the concrete layer, returned by the fluent setters
 */
abstract class BaseGlobalPooling<T extends BaseGlobalPooling<T>> extends Layer {
    private final int rank;
    private final boolean max;
    private String dataFormat = "channels_last";
    private boolean keepdims;

    BaseGlobalPooling(int rank, boolean max) {
        this.rank = rank;
        this.max = max;
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** "channels_last" (default) or "channels_first". */
    public T dataFormat(String dataFormat) {
        this.dataFormat = ConvUtils.dataFormat(className(), dataFormat);
        return self();
    }

    /** Whether to keep the spatial axes with size 1 (default false). */
    public T keepdims(boolean keepdims) {
        this.keepdims = keepdims;
        return self();
    }

    private boolean channelsLast() {
        return dataFormat.equals("channels_last");
    }

    private int[] spatialAxes() {
        int[] axes = new int[rank];
        for (int i = 0; i < rank; i++) {
            axes[i] = ConvUtils.firstSpatialAxis(channelsLast()) + i;
        }
        return axes;
    }

    @Override
    protected void build(long[] inputShape) {
        if (inputShape.length != rank + 2) {
            throw new IllegalArgumentException(className() + " \"" + name() + "\" expects inputs of rank " + (rank + 2)
                    + ", got shape " + Shapes.format(inputShape));
        }
        setInputSpec(0, new InputSpec().ndim(rank + 2));
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        int channelAxis = ConvUtils.channelAxis(inputShape.length, channelsLast());
        if (!keepdims) {
            return new long[]{inputShape[0], inputShape[channelAxis]};
        }
        long[] out = inputShape.clone();
        for (int axis : spatialAxes()) {
            out[axis] = 1;
        }
        return out;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        // only GlobalAveragePooling1D reads the mask (global_average_pooling1d.py); the others ignore it, as Keras's
        INDArray mask = max || rank != 1 ? null : ctx.inputMask(0);
        INDArray y;
        if (mask == null) {
            y = max ? input.max(spatialAxes()) : input.mean(spatialAxes());
        } else {
            // the mean over the kept steps: sum(where(mask, x, 0)) / sum(mask) (0 / 0 when every step is masked)
            INDArray weights = stepWeights(mask, input);
            INDArray count = mask.castTo(input.dataType()).sum(1).reshape(input.size(0), 1);
            y = input.mul(weights).sum(spatialAxes()).diviColumnVector(count);
            ctx.save("weights", weights);
            ctx.save("count", count);
        }
        ctx.save("x", input);
        ctx.save("y", y);
        ctx.save("masked", mask != null);
        return keepdims ? y.reshape(computeOutputShape(input.shape())) : y;
    }

    /** The mask as 0/1 weights of the input's dtype, broadcast to the input's shape. */
    private INDArray stepWeights(INDArray mask, INDArray input) {
        long steps = input.size(spatialAxes()[0]);
        if (mask.rank() != 2 || mask.size(0) != input.size(0) || mask.size(1) != steps) {
            throw new IllegalArgumentException(className() + " \"" + name() + "\": the mask must have shape (batch, steps) = ("
                    + input.size(0) + ", " + steps + "), got " + Shapes.format(mask.shape()));
        }
        long[] shape = channelsLast() ? new long[]{input.size(0), steps, 1} : new long[]{input.size(0), 1, steps};
        return mask.castTo(input.dataType()).reshape(shape).broadcast(input.shape());
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        INDArray x = ctx.saved("x");
        INDArray y = ctx.saved("y");
        int[] dims = {0, ConvUtils.channelAxis(x.rank(), channelsLast())};
        INDArray g = gradOutput.reshape(y.shape());
        INDArray dx = ctx.buffer("dx", x.dataType(), x.shape());
        if ((Boolean) ctx.saved("masked")) {
            INDArray count = ctx.saved("count");
            INDArray perStep = g.divColumnVector(count);
            return Broadcast.mul(ctx.<INDArray>saved("weights"), perStep, dx, dims);
        }
        if (!max) {
            return Broadcast.copy(dx, g.div(x.length() / y.length()), dx, dims);
        }
        INDArray isMax = Broadcast.eq(x, y, ctx.buffer("is_max", DataType.BOOL, x.shape()), dims).castTo(x.dataType());
        INDArray share = g.div(isMax.sum(spatialAxes()));
        return Broadcast.mul(isMax, share, dx, dims);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("data_format", dataFormat);
        config.put("keepdims", keepdims);
        return config;
    }

    /** Applies the Keras config keys of a global pooling layer to a new layer. */
    static <L extends BaseGlobalPooling<L>> L configure(L layer, Map<String, Object> map) {
        Config c = new Config(layer.className(), map).allow("data_format", "keepdims");
        layer.dataFormat(c.getString("data_format", null)).keepdims(c.getBoolean("keepdims", false));
        return c.applyBase(layer);
    }
}
