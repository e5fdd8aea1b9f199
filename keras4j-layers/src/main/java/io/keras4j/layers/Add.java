package io.keras4j.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Adds its inputs element-wise, as keras/src/layers/merging/add.py {@code Add}: {@code output = x_1 + x_2 + ... + x_n}.
 * Inputs broadcast as described in {@link Merge}; the output has the broadcast shape.
 * <pre>{@code KerasTensor y = new Add().apply(a, b);}</pre>
 */
public class Add extends Merge {
    @Override
    INDArray merge(INDArray[] xs) {
        INDArray y = xs[0].dup();
        for (int i = 1; i < xs.length; i++) {
            y.addi(xs[i]);
        }
        return y;
    }

    @Override
    INDArray[] mergeGradients(INDArray[] xs, INDArray y, INDArray dy) {
        INDArray[] g = new INDArray[xs.length];
        java.util.Arrays.fill(g, dy);
        return g;
    }

    /** A Add layer from its Keras config. */
    public static Add fromConfig(Map<String, Object> map) {
        return Merge.fromConfig("Add", map, new Add());
    }
}
