package io.keras4j.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Averages its inputs element-wise, as keras/src/layers/merging/average.py {@code Average}: {@code output = (x_1 + ... + x_n) / n}.
 * Inputs broadcast as described in {@link Merge}; the output has the broadcast shape.
 * <pre>{@code KerasTensor y = new Average().apply(a, b);}</pre>
 */
public class Average extends Merge {
    @Override
    INDArray merge(INDArray[] xs) {
        INDArray y = xs[0].dup();
        for (int i = 1; i < xs.length; i++) {
            y.addi(xs[i]);
        }
        return y.divi(xs.length);
    }

    @Override
    INDArray[] mergeGradients(INDArray[] xs, INDArray y, INDArray dy) {
        INDArray g = dy.div(xs.length);
        INDArray[] out = new INDArray[xs.length];
        java.util.Arrays.fill(out, g);
        return out;
    }

    /** A Average layer from its Keras config. */
    public static Average fromConfig(Map<String, Object> map) {
        return Merge.fromConfig("Average", map, new Average());
    }
}
