package io.keras4j.initializers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Fills a new weight, as {@code keras.initializers.Initializer}. Random initializers draw from the
 * global generator seeded by {@code Utils.setRandomSeed}, or from their own {@code seed}.
 */
public interface Initializer {
    /** A new array of the given shape and dtype. */
    INDArray apply(long[] shape, DataType dtype);

    /** The Keras class name, as saved in configs ("GlorotUniform"). */
    default String className() {
        return getClass().getSimpleName();
    }

    /** The Keras config ({@code {"seed": null}}). */
    Map<String, Object> getConfig();
}
