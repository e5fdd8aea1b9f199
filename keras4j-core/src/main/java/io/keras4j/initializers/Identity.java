package io.keras4j.initializers;

import io.keras4j.engine.Config;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code gain} times the identity matrix, as keras/src/initializers/constant_initializers.py {@code Identity}
 * ("identity"): rank 2 only; a non-square shape gets ones on its main diagonal. Default gain 1.
 */
public class Identity implements Initializer {
    private final double gain;

    public Identity() {
        this(1.0);
    }

    public Identity(double gain) {
        this.gain = gain;
    }

    @Override
    public INDArray apply(long[] shape, DataType dtype) {
        if (shape.length != 2) {
            throw new IllegalArgumentException("Identity: the tensor to initialize must be two-dimensional, got shape "
                    + Arrays.toString(shape));
        }
        INDArray out = Nd4j.zeros(dtype, shape);
        for (long i = 0; i < Math.min(shape[0], shape[1]); i++) {
            out.putScalar(i, i, gain);
        }
        return out;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("gain", gain);
        return config;
    }

    public static Identity fromConfig(Map<String, Object> map) {
        return new Identity(new Config("Identity", map).allow("gain").getDouble("gain", 1.0));
    }
}
