package io.keras4j.saving;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A user-defined layer for the registration tests: {@code y = factor * x}. */
final class Scale extends Layer {
    private final double factor;

    Scale(double factor) {
        this.factor = factor;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        return input.mul(factor);
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        return gradOutput.mul(factor);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("factor", factor);
        return config;
    }

    static Scale fromConfig(Map<String, Object> map) {
        Config c = new Config("Scale", map).allow("factor");
        return c.applyBase(new Scale(c.getDouble("factor", 1.0)));
    }
}
