package io.keras4j.constraints;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * A projection applied to a weight after each optimizer update, as {@code keras.constraints.Constraint}.
 */
public interface Constraint {
    /** Projects {@code w} in place. */
    void apply(INDArray w);

    /** The Keras config. */
    Map<String, Object> getConfig();
}
