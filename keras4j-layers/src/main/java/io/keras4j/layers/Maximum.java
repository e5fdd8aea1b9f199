package io.keras4j.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * Takes the element-wise maximum of its inputs, as keras/src/layers/merging/maximum.py {@code Maximum}; the gradient goes to the first input holding the maximum (as TensorFlow's pairwise {@code maximum}).
 * Inputs broadcast as described in {@link Merge}; the output has the broadcast shape.
 * <pre>{@code KerasTensor y = new Maximum().apply(a, b);}</pre>
 */
public class Maximum extends Merge {
    /** Masked positions count as {@code the lowest float}, as Keras's _apply_merge_op_and_or_mask. */
    @Override
    double maskedValue() {
        return -Float.MAX_VALUE;
    }

    @Override
    INDArray merge(INDArray[] xs) {
        INDArray y = xs[0].dup();
        for (int i = 1; i < xs.length; i++) {
            Transforms.max(y, xs[i], false);
        }
        return y;
    }

    @Override
    INDArray[] mergeGradients(INDArray[] xs, INDArray y, INDArray dy) {
        return Merge.routeToFirstMatch(xs, y, dy);
    }

    /** A Maximum layer from its Keras config. */
    public static Maximum fromConfig(Map<String, Object> map) {
        return Merge.fromConfig("Maximum", map, new Maximum());
    }
}
