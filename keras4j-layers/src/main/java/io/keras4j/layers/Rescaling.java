package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * A preprocessing layer which rescales input values to a new range, as
 * keras/src/layers/preprocessing/rescaling.py {@code Rescaling}: {@code y = cast(x, dtype) * scale + offset},
 * in training and inference alike.
 *
 * <p>Arguments: {@code scale}, {@code offset} (default 0). Inputs of any numeric dtype; outputs in the layer dtype
 * (float32 by default), same shape. {@code new Rescaling(1.0 / 255)} maps [0, 255] to [0, 1];
 * {@code new Rescaling(1.0 / 127.5, -1)} maps it to [-1, 1]. A list of scales ({@code new Rescaling(new double[] {a, b, c})})
 * broadcasts against the last axis, as NumPy broadcasting of a 1-D scale does (one factor per channel).
 */
public class Rescaling extends Layer {
    private final double scale;
    /** One factor per entry of the last axis, or null for the scalar {@link #scale}. */
    private final double[] scales;
    private final double offset;

    /** @param scale the factor applied to the inputs */
    public Rescaling(double scale) {
        this(scale, 0.0);
    }

    /**
     * @param scale  the factor applied to the inputs
     * @param offset the value added after scaling
     */
    public Rescaling(double scale, double offset) {
        this.scale = scale;
        this.scales = null;
        this.offset = offset;
    }

    /** @param scales one factor per entry of the inputs' last axis (e.g. per channel) */
    public Rescaling(double[] scales) {
        if (scales.length == 0) {
            throw new IllegalArgumentException("Rescaling: `scale` must not be an empty list");
        }
        this.scale = Double.NaN;
        this.scales = scales.clone();
        this.offset = 0.0;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        INDArray x = input.dataType() == dtype() ? input : input.castTo(dtype());
        return scaled(x).addi(offset);
    }

    private INDArray scaled(INDArray x) {
        if (scales == null) {
            return x.mul(scale);
        }
        if (x.size(-1) != scales.length) {
            throw new IllegalArgumentException("Rescaling \"" + name() + "\": " + scales.length + " scales cannot broadcast against inputs of shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        INDArray factors = org.nd4j.linalg.factory.Nd4j.createFromArray(scales).castTo(x.dataType());
        return x.dup().reshape(-1, scales.length).muliRowVector(factors).reshape(x.shape());
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        return scaled(gradOutput);
    }

    @Override
    public INDArray[] computeMask(INDArray[] inputs, INDArray[] masks) {
        return masks;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("scale", scales == null ? (Object) scale : java.util.Arrays.stream(scales).boxed().toList());
        config.put("offset", offset);
        return config;
    }

    /** A Rescaling layer from its Keras config (scalar {@code scale} and {@code offset}, or a list of scales). */
    public static Rescaling fromConfig(Map<String, Object> map) {
        Config c = new Config("Rescaling", map).allow("scale", "offset");
        if (c.raw("scale") instanceof java.util.List<?> list && list.stream().allMatch(v -> v instanceof Number)
                && (!c.has("offset") || c.raw("offset") instanceof Number n && n.doubleValue() == 0)) {
            return c.applyBase(new Rescaling(list.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray()));
        }
        if (!(c.raw("scale") instanceof Number) || (c.has("offset") && !(c.raw("offset") instanceof Number))) {
            throw new IllegalArgumentException("Rescaling: `scale` must be a number, or a list of numbers with offset 0; got scale="
                    + c.raw("scale") + ", offset=" + c.raw("offset"));
        }
        return c.applyBase(new Rescaling(c.getDouble("scale", 1.0), c.getDouble("offset", 0.0)));
    }
}
