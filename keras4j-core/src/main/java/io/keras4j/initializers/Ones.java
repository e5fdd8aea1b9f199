package io.keras4j.initializers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/** Initializes to 1, as keras/src/initializers/constant_initializers.py {@code Ones} ("ones"). */
public final class Ones implements Initializer {
    @Override
    public INDArray apply(long[] shape, DataType dtype) {
        return Nd4j.ones(dtype, shape);
    }

    @Override
    public Map<String, Object> getConfig() {
        return new LinkedHashMap<>();
    }
}
