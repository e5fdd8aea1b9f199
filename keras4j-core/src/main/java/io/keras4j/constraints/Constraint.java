package io.keras4j.constraints;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * A projection applied to a weight after each optimizer update, as keras/src/constraints/constraints.py
 * {@code Constraint}: the optimizer calls {@link #apply} on the updated value, in place.
 */
public interface Constraint {
    /** Projects {@code w} in place. */
    void apply(INDArray w);

    /** The Keras class name, as saved in configs ("MaxNorm"). */
    default String className() {
        return getClass().getSimpleName();
    }

    /** The Keras config. */
    Map<String, Object> getConfig();
}
