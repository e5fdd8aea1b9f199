package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An elementwise (or per-axis, for softmax) activation function with its derivative, as the functions of
 * {@code keras.activations}. Obtain one with {@link Activations#get(String)}.
 */
public interface ActivationFunction {
    /** The Keras identifier ("relu"). */
    String name();

    /** Writes {@code f(x)} into {@code out} (shaped by {@link #outputShape}, not aliasing {@code x}). */
    void call(INDArray x, INDArray out);

    /**
     * Writes {@code dL/dx} into {@code out}, given the input {@code x}, the output {@code y = f(x)} and the
     * gradient {@code dy = dL/dy}. {@code out} aliases none of them.
     */
    void gradient(INDArray x, INDArray y, INDArray dy, INDArray out);

    /**
     * The output shape for an input shape: the same shape, except for "glu", which halves its axis.
     */
    default long[] outputShape(long[] inputShape) {
        return inputShape.clone();
    }

    /**
     * Whether {@code max(f(a), f(b)) = f(max(a, b))} with the gradient reaching the same element, so that a max pooling may
     * run before this function instead of after it: true for the plain "relu" (non-decreasing, and its gradient is 0
     * wherever it makes two inputs tie).
     */
    default boolean commutesWithMax() {
        return false;
    }

    /** Returns {@code f(x)} as a new array. */
    default INDArray apply(INDArray x) {
        INDArray out = org.nd4j.linalg.factory.Nd4j.createUninitialized(x.dataType(), outputShape(x.shape()), 'c');
        call(x, out);
        return out;
    }

    /** Extra config of a parameterized activation; empty for the plain ones. */
    default Map<String, Object> getConfig() {
        return new LinkedHashMap<>();
    }
}
