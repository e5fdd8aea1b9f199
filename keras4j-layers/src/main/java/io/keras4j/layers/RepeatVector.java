package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.InputSpec;
import io.keras4j.engine.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Repeats the input {@code n} times, as keras/src/layers/reshaping/repeat_vector.py {@code RepeatVector}:
 * input {@code (batch, features)}, output {@code (batch, n, features)}.
 */
public class RepeatVector extends Layer {
    private final int n;

    /** @param n the number of repetitions (positive) */
    public RepeatVector(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("RepeatVector: argument `n` must be a positive integer, got " + n);
        }
        this.n = n;
        setInputSpec(0, new InputSpec().ndim(2));
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        return new long[]{inputShape[0], n, inputShape[1]};
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        long batch = input.size(0);
        long features = input.size(1);
        return input.reshape(batch, 1, features).repeat(1, n);
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        return gradOutput.sum(1);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("n", n);
        return config;
    }

    /** A RepeatVector layer from its Keras config. */
    public static RepeatVector fromConfig(Map<String, Object> map) {
        Config c = new Config("RepeatVector", map).allow("n");
        return c.applyBase(new RepeatVector(c.getInt("n")));
    }
}
