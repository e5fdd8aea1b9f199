package io.keras4j.layers;

import io.keras4j.constraints.Constraint;
import io.keras4j.engine.Config;
import io.keras4j.engine.Variable;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.regularizers.Regularizer;

import java.util.Map;

/**
 * A convolution with {@code filters} output channels and one {@code kernel} weight (the convolutions and the
 * transposed convolutions): the filters argument and the kernel's initializer (default "glorot_uniform"),
 * regularizer and constraint, with their setters and config keys.
 *
 * @param <T> the concrete layer, returned by the fluent setters
 */
abstract class KernelConv<T extends KernelConv<T>> extends ConvLayer<T> {
    final int filters;
    private Initializer kernelInitializer = Initializers.get("glorot_uniform");
    private Regularizer kernelRegularizer;
    private Constraint kernelConstraint;
    Variable kernel;

    KernelConv(int rank, int filters, int... kernelSize) {
        super(rank, kernelSize);
        if (filters <= 0) {
            throw new IllegalArgumentException(className() + ": invalid value for argument `filters`, expected a positive integer, got "
                    + filters);
        }
        this.filters = filters;
    }

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

    public int filters() {
        return filters;
    }

    /**
     * The kernel, shape {@code kernel_size + (input_channels / groups, filters)} for a convolution,
     * {@code kernel_size + (filters, input_channels)} for a transposed one; null before build.
     */
    public Variable kernel() {
        return kernel;
    }

    /** Creates the kernel weight of the given shape with this layer's initializer, regularizer and constraint. */
    void buildKernel(long[] shape) {
        kernel = addWeight("kernel", shape, kernelInitializer, kernelRegularizer, kernelConstraint, true);
    }

    /** Puts the kernel's initializer, regularizer and constraint into a config. */
    void putKernelConfig(Map<String, Object> config) {
        config.put("kernel_initializer", kernelInitializer);
        config.put("kernel_regularizer", kernelRegularizer);
        config.put("kernel_constraint", kernelConstraint);
    }

    /** Applies the kernel keys of a Keras config to {@code layer}. */
    static <L extends KernelConv<L>> L configureKernel(L layer, Config c) {
        return layer.kernelInitializer(c.initializer("kernel_initializer", "glorot_uniform"))
                .kernelRegularizer(c.regularizer("kernel_regularizer"))
                .kernelConstraint(c.constraint("kernel_constraint"));
    }
}
