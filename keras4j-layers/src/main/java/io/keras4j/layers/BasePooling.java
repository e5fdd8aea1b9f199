package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.InputSpec;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The shared mechanics of the max and average pooling layers, as
 * keras/src/layers/pooling/base_pooling.py {@code BasePooling}: each output cell is the maximum or the
 * mean of a {@code pool_size} window of the input, windows {@code strides} apart (default: {@code pool_size}).
 * With padding "same" the input is padded {@code floor(total / 2)} before and the rest after, and the
 * padded cells never count: not in the maximum, not in the average's divisor.
 *
 * <p>Runs ND4J's native {@code maxpool2d}/{@code avgpool2d}/{@code maxpool3dnew}/{@code avgpool3dnew}
 * and their {@code _bp} variants (1D as 2D of height 1).
 *
 * @param <T> the concrete layer, returned by the fluent setters
 */
abstract class BasePooling<T extends BasePooling<T>> extends Layer {
    private final int rank;
    private final boolean max;
    private final int[] poolSize;
    private int[] strides;
    private String padding = "valid";
    private String dataFormat = "channels_last";

    BasePooling(int rank, boolean max, int... poolSize) {
        this.rank = rank;
        this.max = max;
        this.poolSize = ConvUtils.tuple(className(), "pool_size", rank, false, poolSize);
        this.strides = this.poolSize.clone();
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** The step between windows; defaults to {@code pool_size}. */
    public T strides(int... strides) {
        this.strides = strides == null ? poolSize.clone() : ConvUtils.tuple(className(), "strides", rank, false, strides);
        return self();
    }

    /** "valid" (default) or "same". */
    public T padding(String padding) {
        this.padding = ConvUtils.padding(className(), padding, false);
        return self();
    }

    /** "channels_last" (default) or "channels_first". */
    public T dataFormat(String dataFormat) {
        this.dataFormat = ConvUtils.dataFormat(className(), dataFormat);
        return self();
    }

    private boolean channelsLast() {
        return dataFormat.equals("channels_last");
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
        long[] out = inputShape.clone();
        int first = ConvUtils.firstSpatialAxis(channelsLast());
        for (int i = 0; i < rank; i++) {
            out[first + i] = ConvUtils.outputLength(className(), inputShape[first + i], poolSize[i], strides[i], 1, padding);
        }
        return out;
    }

    private String op() {
        return (max ? "maxpool" : "avgpool") + (rank == 3 ? "3dnew" : "2d");
    }

    private int[] args() {
        return ConvOps.Window.of(poolSize, strides, ConvUtils.filled(rank, 1), ConvUtils.mode(padding), channelsLast()).poolArgs(0);
    }

    @Override
    protected boolean commutesWith(ActivationFunction activation) {
        return max && activation.commutesWithMax();
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        boolean last = channelsLast();
        INDArray x = ConvOps.lift(input, last);
        long[] outShape = computeOutputShape(input.shape());
        INDArray y = ctx.buffer("y", input.dataType(), ConvOps.liftShape(outShape, last));
        ConvOps.exec(op(), new INDArray[]{x}, new INDArray[]{y}, args());
        ctx.save("x", x);
        ctx.save("shape", input.shape());
        return y.reshape(outShape);
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        INDArray x = ctx.saved("x");
        long[] shape = ctx.saved("shape");
        INDArray dy = ConvOps.lift(gradOutput, channelsLast());
        INDArray dx = ctx.buffer("dx", x.dataType(), x.shape());
        ConvOps.exec(op() + "_bp", new INDArray[]{x, dy}, new INDArray[]{dx}, args());
        return dx.reshape(shape);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("pool_size", poolSize.clone());
        config.put("padding", padding);
        config.put("strides", strides.clone());
        config.put("data_format", dataFormat);
        return config;
    }

    /** The config keys {@link #configure} reads. */
    static final String[] KEYS = {"pool_size", "padding", "strides", "data_format"};

    /** Applies the Keras config keys of a pooling layer to a new layer. */
    static <L extends BasePooling<L>> L configure(L layer, Config c) {
        layer.strides(ConvUtils.ints(c, "strides", null))
                .padding(c.getString("padding", "valid"))
                .dataFormat(c.getString("data_format", null));
        return c.applyBase(layer);
    }
}
