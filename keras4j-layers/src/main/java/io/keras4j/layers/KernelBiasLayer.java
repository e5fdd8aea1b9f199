package io.keras4j.layers;

import io.keras4j.constraints.Constraint;
import io.keras4j.engine.Config;
import io.keras4j.engine.Variable;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.regularizers.Regularizer;

import java.util.Map;

/**
 * The kernel and bias arguments that Keras's {@code Dense}, {@code EinsumDense} and {@code MultiHeadAttention} share:
 * initializers (defaults "glorot_uniform" and "zeros"), regularizers and constraints, with their fluent setters, config
 * keys, and the weights made from them.
 *
 * @param <T> the concrete layer, returned by the fluent setters
 */
abstract class KernelBiasLayer<T extends KernelBiasLayer<T>> extends BiasLayer<T> {
    /** The config keys {@link #configureKernelBias} reads. */
    static final String[] KEYS = {"kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
        "kernel_constraint", "bias_constraint"};

    private Initializer kernelInitializer = Initializers.get("glorot_uniform");
    private Regularizer kernelRegularizer;
    private Constraint kernelConstraint;

    /** The kernel initializer, by Keras identifier ("he_normal"). */
    public T kernelInitializer(String initializer) {
        return kernelInitializer(Initializers.get(initializer));
    }

    public T kernelInitializer(Initializer initializer) {
        this.kernelInitializer = initializer;
        return self();
    }

    public T kernelRegularizer(Regularizer regularizer) {
        this.kernelRegularizer = regularizer;
        return self();
    }

    public T kernelConstraint(Constraint constraint) {
        this.kernelConstraint = constraint;
        return self();
    }

    Initializer kernelInitializer() {
        return kernelInitializer;
    }

    /** A trainable kernel weight with this layer's regularizer and constraint, drawn by {@code initializer}. */
    Variable addKernel(String name, long[] shape, Initializer initializer) {
        return addWeight(name, shape, initializer, kernelRegularizer, kernelConstraint, true);
    }

    /** A trainable kernel weight with this layer's kernel initializer, regularizer and constraint. */
    Variable addKernel(String name, long[] shape) {
        return addKernel(name, shape, kernelInitializer);
    }

    /**
     * Puts the six keys into a config in Keras's order, with {@code "activity_regularizer": null} between the
     * regularizers and the constraints when {@code activityRegularizer} (where the Keras layer writes it there).
     */
    void putKernelBiasConfig(Map<String, Object> config, boolean activityRegularizer) {
        config.put("kernel_initializer", kernelInitializer);
        config.put("bias_initializer", biasInitializer);
        config.put("kernel_regularizer", kernelRegularizer);
        config.put("bias_regularizer", biasRegularizer);
        if (activityRegularizer) {
            config.put("activity_regularizer", activityRegularizer());
        }
        config.put("kernel_constraint", kernelConstraint);
        config.put("bias_constraint", biasConstraint);
    }

    /** Applies the six keys of a Keras config to {@code layer}. */
    static <L extends KernelBiasLayer<L>> L configureKernelBias(L layer, Config c) {
        return layer.kernelInitializer(c.initializer("kernel_initializer", "glorot_uniform"))
                .biasInitializer(c.initializer("bias_initializer", "zeros"))
                .kernelRegularizer(c.regularizer("kernel_regularizer"))
                .biasRegularizer(c.regularizer("bias_regularizer"))
                .kernelConstraint(c.constraint("kernel_constraint"))
                .biasConstraint(c.constraint("bias_constraint"));
    }
}
