package io.keras4j.layers;

import io.keras4j.backend.Blas;
import io.keras4j.constraints.Constraint;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.regularizers.Regularizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A layer with a bias weight configured as Keras configures it: initializer (default "zeros"), regularizer and
 * constraint, with their fluent setters (the dense layers and the convolutions).
 *
 * @param <T> the concrete layer, returned by the fluent setters
 */
abstract class BiasLayer<T extends BiasLayer<T>> extends Layer {
    Initializer biasInitializer = Initializers.get("zeros");
    Regularizer biasRegularizer;
    Constraint biasConstraint;

    @SuppressWarnings("unchecked")
    final T self() {
        return (T) this;
    }

    /** The bias initializer, by Keras identifier ("zeros"). */
    public T biasInitializer(String initializer) {
        return biasInitializer(Initializers.get(initializer));
    }

    public T biasInitializer(Initializer initializer) {
        this.biasInitializer = initializer;
        return self();
    }

    public T biasRegularizer(Regularizer regularizer) {
        this.biasRegularizer = regularizer;
        return self();
    }

    public T biasConstraint(Constraint constraint) {
        this.biasConstraint = constraint;
        return self();
    }

    /**
     * Adds the column sums of {@code dz (rows, n)} to the gradient of {@code bias} ({@code n} elements, any shape): one
     * GEMM with a row of ones kept in {@code ctx}, several times faster than ND4J's sum over axis 0.
     */
    static void addBiasGradient(Variable bias, INDArray dz, CallContext ctx) {
        long rows = dz.size(0);
        INDArray ones = ctx.computeIfAbsent("ones:" + dz.dataType() + ":" + rows, () -> Nd4j.ones(dz.dataType(), 1, rows));
        Blas.matmul(ones, false, dz, false, bias.gradient().reshape('c', 1, dz.size(1)), bias.beginGradientWrite());
    }

    /** A trainable bias weight with this layer's bias initializer, regularizer and constraint. */
    Variable addBias(String name, long[] shape) {
        return addWeight(name, shape, biasInitializer, biasRegularizer, biasConstraint, true);
    }
}
