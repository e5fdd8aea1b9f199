package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.InputSpec;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;

/**
 * The shared mechanics of ZeroPadding1D/2D/3D and Cropping1D/2D/3D (keras/src/layers/reshaping/zero_padding*.py,
 * cropping*.py): {@code (before, after)} amounts per spatial dimension, added as zeros or removed. The backward
 * pass of padding is cropping and the other way round.
 */
abstract class Margins extends Layer {
    private final long[][] amounts;
    private final boolean crop;
    private String dataFormat = "channels_last";

    Margins(Object amounts, int dims, boolean crop) {
        this.crop = crop;
        this.amounts = Spatial.pairs(amounts, dims, crop ? "cropping" : "padding", getClass().getSimpleName());
        setInputSpec(0, new InputSpec().ndim(dims + 2));
    }

    /** Where the channels are: "channels_last" (default) or "channels_first". */
    void setDataFormat(String dataFormat) {
        this.dataFormat = Spatial.dataFormat(dataFormat, className());
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        long[] out = inputShape.clone();
        for (int i = 0; i < amounts.length; i++) {
            int a = Spatial.axis(dataFormat, i);
            if (inputShape[a] < 0) {
                continue;
            }
            long change = amounts[i][0] + amounts[i][1];
            out[a] = crop ? inputShape[a] - change : inputShape[a] + change;
            if (out[a] <= 0) {
                throw new IllegalArgumentException(className() + " \"" + name() + "\": cropping " + java.util.Arrays.toString(amounts[i])
                        + " is too large for input shape " + Shapes.format(inputShape));
            }
        }
        return out;
    }

    private INDArray pad(INDArray x) {
        int[][] pads = new int[x.rank()][2];
        for (int i = 0; i < amounts.length; i++) {
            pads[Spatial.axis(dataFormat, i)] = new int[]{(int) amounts[i][0], (int) amounts[i][1]};
        }
        return Nd4j.pad(x, pads);
    }

    private INDArray cropped(INDArray x) {
        INDArrayIndex[] idx = NDArrayIndex.allFor(x);
        for (int i = 0; i < amounts.length; i++) {
            int a = Spatial.axis(dataFormat, i);
            idx[a] = NDArrayIndex.interval(amounts[i][0], x.size(a) - amounts[i][1]);
        }
        return x.get(idx).dup('c');
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        long[] shape = input.shape().clone();
        shape[0] = -1;
        computeOutputShape(shape);
        return crop ? cropped(input) : pad(input);
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        return crop ? pad(gradOutput) : cropped(gradOutput);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put(crop ? "cropping" : "padding", Spatial.pairsConfig(amounts));
        if (amounts.length > 1 || !crop) {
            config.put("data_format", dataFormat);
        }
        return config;
    }

    /** Reads the amounts key and data_format of a config into a new layer built by {@code factory}. */
    static <L extends Margins> L fromConfig(String className, Map<String, Object> map, int defaultAmount, boolean crop,
                                            java.util.function.Function<Object, L> factory) {
        String key = crop ? "cropping" : "padding";
        Config c = new Config(className, map).allow(key, "data_format");
        L layer = factory.apply(c.has(key) ? c.raw(key) : defaultAmount);
        layer.setDataFormat(c.getString("data_format", null));
        return c.applyBase(layer);
    }
}
