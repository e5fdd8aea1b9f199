package io.keras4j.regularizers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * A weight penalty added to the training loss, as {@code keras.regularizers.Regularizer}.
 */
public interface Regularizer {
    /** The penalty for weight {@code w}. */
    double penalty(INDArray w);

    /** Adds the gradient of the penalty with respect to {@code w} to {@code gradient}. */
    void addGradient(INDArray w, INDArray gradient);

    /** The Keras config ({@code {"l2": 0.01}}). */
    Map<String, Object> getConfig();
}
