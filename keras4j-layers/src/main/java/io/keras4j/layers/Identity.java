package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/** Returns its input unchanged, as keras/src/layers/core/identity.py {@code Identity}. */
public class Identity extends Layer {
    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        return input;
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        return gradOutput;
    }

    @Override
    public INDArray[] computeMask(INDArray[] inputs, INDArray[] masks) {
        return masks;
    }

    /** An Identity layer from its Keras config. */
    public static Identity fromConfig(Map<String, Object> map) {
        return new Config("Identity", map).allow().applyBase(new Identity());
    }
}
