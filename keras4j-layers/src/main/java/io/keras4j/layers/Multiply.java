package io.keras4j.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Multiplies its inputs element-wise, as keras/src/layers/merging/multiply.py {@code Multiply}: {@code output = x_1 * x_2 * ... * x_n}.
 * Inputs broadcast as described in {@link Merge}; the output has the broadcast shape.
 * <pre>{@code KerasTensor y = new Multiply().apply(a, b);}</pre>
 */
public class Multiply extends Merge {
    /** Masked positions count as {@code 1}, as Keras's multiply.py. */
    @Override
    double maskedValue() {
        return 1;
    }

    @Override
    boolean zeroesMasked() {
        return true;
    }

    @Override
    INDArray merge(INDArray[] xs) {
        INDArray y = xs[0].dup();
        for (int i = 1; i < xs.length; i++) {
            y.muli(xs[i]);
        }
        return y;
    }

    /** {@code d x_i = dy * prod_{j != i} x_j}, computed without dividing by {@code x_i} (which may be 0). */
    @Override
    INDArray[] mergeGradients(INDArray[] xs, INDArray y, INDArray dy) {
        INDArray[] g = new INDArray[xs.length];
        for (int i = 0; i < xs.length; i++) {
            g[i] = dy.dup();
            for (int j = 0; j < xs.length; j++) {
                if (j != i) {
                    g[i].muli(xs[j]);
                }
            }
        }
        return g;
    }

    /** A Multiply layer from its Keras config. */
    public static Multiply fromConfig(Map<String, Object> map) {
        return Merge.fromConfig("Multiply", map, new Multiply());
    }
}
