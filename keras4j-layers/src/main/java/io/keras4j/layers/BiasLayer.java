package io.keras4j.layers;

import io.keras4j.constraints.Constraint;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.regularizers.Regularizer;

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

    /** A trainable bias weight with this layer's bias initializer, regularizer and constraint. */
    Variable addBias(String name, long[] shape) {
        return addWeight(name, shape, biasInitializer, biasRegularizer, biasConstraint, true);
    }
}
