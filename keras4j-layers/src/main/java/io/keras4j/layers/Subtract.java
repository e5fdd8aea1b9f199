package io.keras4j.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Subtracts its second input from its first, as keras/src/layers/merging/subtract.py {@code Subtract}: {@code output = x_1 - x_2}; exactly two inputs.
 * Inputs broadcast as described in {@link Merge}; the output has the broadcast shape.
 * <pre>{@code KerasTensor y = new Subtract().apply(a, b);}</pre>
 */
public class Subtract extends Merge {
    @Override
    int minInputs() {
        return 2;
    }

    @Override
    int maxInputs() {
        return 2;
    }

    @Override
    INDArray merge(INDArray[] xs) {
        return xs[0].sub(xs[1]);
    }

    @Override
    INDArray[] mergeGradients(INDArray[] xs, INDArray y, INDArray dy) {
        return new INDArray[]{dy, dy.neg()};
    }

    /** A Subtract layer from its Keras config. */
    public static Subtract fromConfig(Map<String, Object> map) {
        return Merge.fromConfig("Subtract", map, new Subtract());
    }
}
