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
 * {@code new Rescaling(1.0 / 127.5, -1)} maps it to [-1, 1]. Keras also accepts array-valued scales; keras4j
 * takes scalars only.
 */
public class Rescaling extends Layer {
    private final double scale;
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
        this.offset = offset;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        INDArray x = input.dataType() == dtype() ? input : input.castTo(dtype());
        return x.mul(scale).addi(offset);
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        return gradOutput.mul(scale);
    }

    /** Passes the (first) input mask on, as Keras's {@code supports_masking = True} for this layer. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("scale", scale);
        config.put("offset", offset);
        return config;
    }

    /** A Rescaling layer from its Keras config (scalar {@code scale} and {@code offset}). */
    public static Rescaling fromConfig(Map<String, Object> map) {
        Config c = new Config("Rescaling", map).allow("scale", "offset");
        if (!(c.raw("scale") instanceof Number) || (c.has("offset") && !(c.raw("offset") instanceof Number))) {
            throw new IllegalArgumentException("Rescaling: only scalar `scale` and `offset` are supported, got scale="
                    + c.raw("scale") + ", offset=" + c.raw("offset"));
        }
        return c.applyBase(new Rescaling(c.getDouble("scale", 1.0), c.getDouble("offset", 0.0)));
    }
}
