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

    /** Passes the (first) input mask on, as Keras's {@code supports_masking = True} for this layer. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    /** An Identity layer from its Keras config. */
    public static Identity fromConfig(Map<String, Object> map) {
        return new Config("Identity", map).allow().applyBase(new Identity());
    }
}
