package io.keras4j.saving;

import io.keras4j.engine.KerasWeights;
import io.keras4j.engine.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A weightless layer whose Keras weights cannot be produced once {@link #fail} is set: an injected failure mid-save. */
final class FailingLayer extends Layer implements KerasWeights {
    static volatile boolean fail;

    @Override
    public Map<String, List<INDArray>> kerasVariables() {
        if (fail) {
            throw new IllegalStateException("injected failure while saving");
        }
        return new LinkedHashMap<>();
    }

    /** The identity: the layer only exists to fail while saving. */
    @Override
    protected INDArray call(INDArray input, io.keras4j.engine.CallContext ctx) {
        return input;
    }

    @Override
    public void setKerasVariables(Map<String, List<INDArray>> groups) {
    }

    @Override
    public void setLegacyWeights(List<String> names, List<INDArray> arrays, String kerasVersion, String backend) {
    }

    static FailingLayer fromConfig(Map<String, Object> config) {
        return new FailingLayer();
    }
}
