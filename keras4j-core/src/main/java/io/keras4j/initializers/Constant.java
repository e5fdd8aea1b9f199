package io.keras4j.initializers;

import io.keras4j.engine.Config;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/** Fills with a constant, as keras/src/initializers/constant_initializers.py {@code Constant} ("constant"). Default value 0. */
public class Constant implements Initializer {
    private final double value;

    public Constant() {
        this(0.0);
    }

    public Constant(double value) {
        this.value = value;
    }

    @Override
    public INDArray apply(long[] shape, DataType dtype) {
        return Nd4j.valueArrayOf(shape, value, dtype);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("value", value);
        return config;
    }

    public static Constant fromConfig(Map<String, Object> map) {
        return new Constant(new Config("Constant", map).allow("value").getDouble("value", 0.0));
    }
}
