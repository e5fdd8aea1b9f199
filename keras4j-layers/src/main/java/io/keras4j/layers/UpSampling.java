package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.InputSpec;
import io.keras4j.engine.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The shared mechanics of UpSampling1D/2D/3D (keras/src/layers/reshaping/up_sampling*.py): nearest-neighbour
 * upsampling repeats every element {@code size[i]} times along spatial dimension {@code i}. The backward pass
 * sums the gradient over each block of repeats.
 */
abstract class UpSampling extends Layer {
    final long[] size;
    String dataFormat = "channels_last";

    UpSampling(Object size, int dims) {
        this.size = Spatial.sizes(size, dims, "size", getClass().getSimpleName());
        setInputSpec(0, new InputSpec().ndim(dims + 2));
    }

    void setDataFormat(String dataFormat) {
        this.dataFormat = Spatial.dataFormat(dataFormat, className());
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        long[] out = inputShape.clone();
        for (int i = 0; i < size.length; i++) {
            int a = Spatial.axis(dataFormat, i);
            out[a] = inputShape[a] < 0 ? -1 : inputShape[a] * size[i];
        }
        return out;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        INDArray y = input;
        for (int i = 0; i < size.length; i++) {
            if (size[i] > 1) {
                y = y.repeat(Spatial.axis(dataFormat, i), size[i]);
            }
        }
        ctx.save("shape", input.shape());
        return y;
    }

    /** Splits each upsampled axis into (size, repeats) and sums the repeats. */
    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        long[] shape = ctx.saved("shape");
        long[] split = new long[shape.length + size.length];
        int[] repeatAxes = new int[size.length];
        for (int d = 0, j = 0, s = 0; d < shape.length; d++) {
            split[j++] = shape[d];
            if (s < size.length && d == Spatial.axis(dataFormat, s)) {
                repeatAxes[s] = j;
                split[j++] = size[s++];
            }
        }
        return gradOutput.dup('c').reshape('c', split).sum(repeatAxes).reshape('c', shape);
    }

    /** The base config: size and data_format (1D has no data_format in Keras). */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("size", Spatial.sizesConfig(size));
        if (size.length > 1) {
            config.put("data_format", dataFormat);
        }
        return config;
    }

    static Config config(String className, Map<String, Object> map, String... extra) {
        String[] keys = java.util.Arrays.copyOf(new String[]{"size", "data_format"}, 2 + extra.length);
        System.arraycopy(extra, 0, keys, 2, extra.length);
        return new Config(className, map).allow(keys);
    }
}
