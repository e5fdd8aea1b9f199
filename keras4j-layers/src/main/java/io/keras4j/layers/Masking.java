package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Masks timesteps whose features all equal {@code mask_value}, as keras/src/layers/core/masking.py
 * {@code Masking}: {@code keep = any(x != mask_value, axis=-1)}, {@code output = x * keep} (masked steps
 * become 0), and {@link #computeMask} returns {@code keep} for the downstream layers.
 *
 * <p>Input shape {@code (batch, timesteps, features)} (any rank >= 2); output shape equals input shape;
 * mask shape {@code (batch, timesteps)}. Default mask_value 0.
 */
public class Masking extends Layer {
    private final double maskValue;

    public Masking() {
        this(0.0);
    }

    /** @param maskValue the value that marks a padded timestep */
    public Masking(double maskValue) {
        this.maskValue = maskValue;
    }

    private INDArray keep(INDArray x) {
        return x.neq(maskValue).castTo(x.dataType()).max(true, x.rank() - 1);
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        INDArray keep = keep(input);
        ctx.save("keep", keep);
        return input.mul(keep);
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        INDArray keep = ctx.saved("keep");
        return gradOutput.mul(keep);
    }

    @Override
    public INDArray[] computeMask(INDArray[] inputs, INDArray[] masks) {
        INDArray x = inputs[0];
        return new INDArray[]{x.neq(maskValue).castTo(x.dataType()).max(x.rank() - 1).castTo(org.nd4j.linalg.api.buffer.DataType.BOOL)};
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("mask_value", maskValue);
        return config;
    }

    /** A Masking layer from its Keras config. */
    public static Masking fromConfig(Map<String, Object> map) {
        Config c = new Config("Masking", map).allow("mask_value");
        return c.applyBase(new Masking(c.getDouble("mask_value", 0.0)));
    }
}
