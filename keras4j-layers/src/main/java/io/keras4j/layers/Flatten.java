package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Flattens each sample, as keras/src/layers/reshaping/flatten.py {@code Flatten}: input
 * {@code (batch, d1, d2, ...)} becomes {@code (batch, d1 * d2 * ...)}, in C order (channels_last).
 */
public class Flatten extends Layer {
    @Override
    public long[] computeOutputShape(long[] inputShape) {
        return new long[]{inputShape[0], Shapes.featureSize(inputShape)};
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        ctx.save("shape", input.shape());
        long n = input.size(0);
        return input.reshape('c', n, input.length() / Math.max(1, n));
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        long[] shape = ctx.saved("shape");
        return gradOutput.reshape('c', shape);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("data_format", "channels_last");
        return config;
    }

    /** A Flatten layer from its Keras config. */
    public static Flatten fromConfig(Map<String, Object> map) {
        Config c = new Config("Flatten", map).allow("data_format");
        return c.applyBase(new Flatten());
    }
}
