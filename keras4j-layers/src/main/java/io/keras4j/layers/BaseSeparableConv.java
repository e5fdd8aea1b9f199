package io.keras4j.layers;

import io.keras4j.backend.Blas;
import io.keras4j.constraints.Constraint;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Variable;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.regularizers.Regularizer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The shared mechanics of {@link SeparableConv1D} and {@link SeparableConv2D}, as
 * keras/src/layers/convolutional/base_separable_conv.py {@code BaseSeparableConv}: a depthwise convolution
 * (kernel {@code kernel_size + (input_channels, depth_multiplier)}, see {@link BaseDepthwiseConv}) followed by a
 * pointwise one (kernel {@code (1, ..., input_channels * depth_multiplier, filters)}), then the bias {@code (filters,)}
 * and the activation. Weights in Keras's order: depthwise_kernel, pointwise_kernel, bias.
 *
 * @param <T> the concrete layer, returned by the fluent setters
 */
abstract class BaseSeparableConv<T extends BaseSeparableConv<T>> extends ConvLayer<T> {
    private final int filters;
    private int depthMultiplier = 1;
    private Initializer depthwiseInitializer = Initializers.get("glorot_uniform");
    private Initializer pointwiseInitializer = Initializers.get("glorot_uniform");
    private Regularizer depthwiseRegularizer;
    private Regularizer pointwiseRegularizer;
    private Constraint depthwiseConstraint;
    private Constraint pointwiseConstraint;
    private Variable depthwiseKernel;
    private Variable pointwiseKernel;

    BaseSeparableConv(int rank, int filters, int... kernelSize) {
        super(rank, kernelSize);
        if (filters <= 0) {
            throw new IllegalArgumentException(className() + ": invalid value for argument `filters`, expected a strictly positive"
                    + " value, got " + filters);
        }
        this.filters = filters;
    }

    /** The number of depthwise output channels per input channel (default 1). */
    public T depthMultiplier(int depthMultiplier) {
        this.depthMultiplier = BaseDepthwiseConv.checkDepthMultiplier(className(), depthMultiplier);
        return self();
    }

    public T depthwiseInitializer(String initializer) {
        return depthwiseInitializer(Initializers.get(initializer));
    }

    public T depthwiseInitializer(Initializer initializer) {
        this.depthwiseInitializer = initializer;
        return self();
    }

    public T pointwiseInitializer(String initializer) {
        return pointwiseInitializer(Initializers.get(initializer));
    }

    public T pointwiseInitializer(Initializer initializer) {
        this.pointwiseInitializer = initializer;
        return self();
    }

    public T depthwiseRegularizer(Regularizer regularizer) {
        this.depthwiseRegularizer = regularizer;
        return self();
    }

    public T pointwiseRegularizer(Regularizer regularizer) {
        this.pointwiseRegularizer = regularizer;
        return self();
    }

    public T depthwiseConstraint(Constraint constraint) {
        this.depthwiseConstraint = constraint;
        return self();
    }

    public T pointwiseConstraint(Constraint constraint) {
        this.pointwiseConstraint = constraint;
        return self();
    }

    public int filters() {
        return filters;
    }

    public int depthMultiplier() {
        return depthMultiplier;
    }

    /** The depthwise kernel, shape {@code kernel_size + (input_channels, depth_multiplier)}; null before build. */
    public Variable depthwiseKernel() {
        return depthwiseKernel;
    }

    /** The pointwise kernel, shape {@code (1, ..., input_channels * depth_multiplier, filters)}; null before build. */
    public Variable pointwiseKernel() {
        return pointwiseKernel;
    }

    @Override
    long outputChannels(long channels) {
        return filters;
    }

    @Override
    long outputLength(int axis, long in) {
        return ConvUtils.outputLength(className(), in, kernelSize[axis], strides[axis], dilationRate[axis], padding);
    }

    @Override
    void buildKernels(long channels) {
        depthwiseKernel = addWeight("depthwise_kernel", BaseDepthwiseConv.depthwiseShape(kernelSize, channels, depthMultiplier),
                depthwiseInitializer, depthwiseRegularizer, depthwiseConstraint, true);
        long[] pointwiseShape = new long[rank + 2];
        java.util.Arrays.fill(pointwiseShape, 1);
        pointwiseShape[rank] = channels * depthMultiplier;
        pointwiseShape[rank + 1] = filters;
        pointwiseKernel = addWeight("pointwise_kernel", pointwiseShape, pointwiseInitializer, pointwiseRegularizer,
                pointwiseConstraint, true);
    }

    @Override
    INDArray convolve(INDArray x, long[] in, long[] out, CallContext ctx) {
        INDArray depth = BaseDepthwiseConv.depthwise(ctx, "depthwise", x, out, geometry(), depthwiseKernel.value(), null);
        INDArray z = ctx.buffer("z", dtype(), depth.size(0), filters);
        Blas.matmul(depth, false, Im2col.matrix(pointwiseKernel.value(), depth.size(1)), false, z, 0.0);
        ctx.save("depthwise", depth);
        return z;
    }

    @Override
    INDArray convolveBackward(INDArray dz, long[] in, long[] out, boolean needInput, CallContext ctx) {
        INDArray depth = ctx.saved("depthwise");
        long rows = depth.size(0);
        INDArray dz2d = dz.reshape(rows, filters);
        INDArray pointwise = Im2col.matrix(pointwiseKernel.value(), depth.size(1));
        Blas.matmul(depth, true, dz2d, false, Im2col.matrix(pointwiseKernel.gradient(), depth.size(1)), pointwiseKernel.beginGradientWrite());
        INDArray dDepth = ctx.buffer("d_depthwise", dtype(), depth.shape());
        Blas.matmul(dz2d, false, pointwise, true, dDepth, 0.0);
        long[] depthShape = Im2col.shape(rows / Im2col.product(out), out, depth.size(1));
        return BaseDepthwiseConv.depthwiseBackward(ctx, "depthwise", dDepth.reshape(depthShape), depthwiseKernel, null, in, out,
                geometry(), needInput);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("depth_multiplier", depthMultiplier);
        config.put("filters", filters);
        config.put("depthwise_initializer", depthwiseInitializer);
        config.put("pointwise_initializer", pointwiseInitializer);
        config.put("depthwise_regularizer", depthwiseRegularizer);
        config.put("pointwise_regularizer", pointwiseRegularizer);
        config.put("depthwise_constraint", depthwiseConstraint);
        config.put("pointwise_constraint", pointwiseConstraint);
        return config;
    }

    /** Applies the Keras config keys of a separable convolution to a new layer. */
    static <L extends BaseSeparableConv<L>> L configure(L layer, Config c) {
        layer.depthMultiplier(c.getInt("depth_multiplier", 1))
                .depthwiseInitializer(c.initializer("depthwise_initializer", "glorot_uniform"))
                .pointwiseInitializer(c.initializer("pointwise_initializer", "glorot_uniform"))
                .depthwiseRegularizer(c.regularizer("depthwise_regularizer"))
                .pointwiseRegularizer(c.regularizer("pointwise_regularizer"))
                .depthwiseConstraint(c.constraint("depthwise_constraint"))
                .pointwiseConstraint(c.constraint("pointwise_constraint"));
        return ConvLayer.configure(layer, c);
    }

    /** The config keys {@link #configure} reads. */
    static final String[] KEYS = keys("filters", "depth_multiplier", "depthwise_initializer", "pointwise_initializer",
            "depthwise_regularizer", "pointwise_regularizer", "depthwise_constraint", "pointwise_constraint");
}
