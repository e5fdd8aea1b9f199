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
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.Map;

/**
 * The shared mechanics of {@link DepthwiseConv1D} and {@link DepthwiseConv2D}, as
 * keras/src/layers/convolutional/base_depthwise_conv.py {@code BaseDepthwiseConv}: each input channel is
 * convolved with its own {@code depth_multiplier} filters, {@code outputs = activation(depthwise_conv(inputs,
 * kernel) + bias)}, kernel {@code kernel_size + (input_channels, depth_multiplier)}, bias
 * {@code (input_channels * depth_multiplier,)}; output channel {@code c * depth_multiplier + m} comes from input channel
 * {@code c} and kernel column {@code [..., c, m]}.
 *
 * <p>Computed by ND4J's native depthwise_conv2d / depthwise_conv2d_bp (oneDNN in the onednn builds; a 1D input lifted
 * to a height of 1), which take Keras's kernel layout and channel order, with the bias fused; with a depth_multiplier
 * {@code m > 1}, as a multiplier-1 convolution of the input with each channel repeated {@code m} times. Dilated convolutions
 * (on which the oneDNN build fails) run as a grouped convolution with one group per input channel: the kernel
 * reshaped (no copy) to {@code kernel_size + (1, input_channels * depth_multiplier)} and expanded block-diagonally for
 * the {@link Im2col} GEMM.
 *
 * @param <T> the concrete layer, returned by the fluent setters
 */
abstract class BaseDepthwiseConv<T extends BaseDepthwiseConv<T>> extends ConvLayer<T> {
    private int depthMultiplier = 1;
    private Initializer depthwiseInitializer = Initializers.get("glorot_uniform");
    private Regularizer depthwiseRegularizer;
    private Constraint depthwiseConstraint;
    private Variable kernel;

    BaseDepthwiseConv(int rank, int... kernelSize) {
        super(rank, kernelSize);
    }

    /** The number of output channels per input channel (default 1). */
    public T depthMultiplier(int depthMultiplier) {
        this.depthMultiplier = checkDepthMultiplier(className(), depthMultiplier);
        return self();
    }

    static int checkDepthMultiplier(String layer, int depthMultiplier) {
        if (depthMultiplier <= 0) {
            throw new IllegalArgumentException(layer + ": invalid value for argument `depth_multiplier`, expected a strictly"
                    + " positive value, got " + depthMultiplier);
        }
        return depthMultiplier;
    }

    public T depthwiseInitializer(String initializer) {
        return depthwiseInitializer(Initializers.get(initializer));
    }

    public T depthwiseInitializer(Initializer initializer) {
        this.depthwiseInitializer = initializer;
        return self();
    }

    public T depthwiseRegularizer(Regularizer regularizer) {
        this.depthwiseRegularizer = regularizer;
        return self();
    }

    public T depthwiseConstraint(Constraint constraint) {
        this.depthwiseConstraint = constraint;
        return self();
    }

    public int depthMultiplier() {
        return depthMultiplier;
    }

    /** The depthwise kernel, shape {@code kernel_size + (input_channels, depth_multiplier)}; null before build. */
    public Variable kernel() {
        return kernel;
    }

    @Override
    long outputChannels(long channels) {
        return channels < 0 ? -1 : channels * depthMultiplier;
    }

    @Override
    long outputLength(int axis, long in) {
        return ConvUtils.outputLength(className(), in, kernelSize[axis], strides[axis], dilationRate[axis], padding);
    }

    /** The shape {@code kernel_size + (channels, depth_multiplier)}. */
    static long[] depthwiseShape(int[] kernelSize, long channels, long depthMultiplier) {
        long[] shape = new long[kernelSize.length + 2];
        for (int i = 0; i < kernelSize.length; i++) {
            shape[i] = kernelSize[i];
        }
        shape[kernelSize.length] = channels;
        shape[kernelSize.length + 1] = depthMultiplier;
        return shape;
    }

    @Override
    void buildKernels(long channels) {
        kernel = addWeight("kernel", depthwiseShape(kernelSize, channels, depthMultiplier), depthwiseInitializer,
                depthwiseRegularizer, depthwiseConstraint, true);
    }

    /** A depthwise kernel (k..., c, m) as the grouped kernel (k..., 1, c * m), sharing its buffer. */
    private static INDArray grouped(INDArray depthwise) {
        int r = depthwise.rank() - 2;
        long[] shape = depthwise.shape().clone();
        shape[r + 1] *= shape[r];
        shape[r] = 1;
        return depthwise.reshape(shape);
    }

    /**
     * The depthwise convolution of channels-last {@code x} by {@code depthwise} (k..., c, m) as a matrix
     * (batch * prod(out), c * m); saves what {@link #depthwiseBackward} needs under {@code key}. {@code bias} (c * m,)
     * is fused into the native op; it must be null when {@link NativeConv#covers} is false.
     */
    static INDArray depthwise(CallContext ctx, String key, INDArray x, long[] out, Im2col.Geometry g, INDArray depthwise,
                              INDArray bias) {
        long rows = x.size(0) * Im2col.product(out);
        long channels = x.size(x.rank() - 1) * depthwise.size(depthwise.rank() - 1);
        INDArray z = ctx.buffer(key, x.dataType(), rows, channels);
        if (NativeConv.covers(g)) {
            INDArray x2 = ConvOps.lift(repeated(ctx, key + "_repeated", x, depthwise.size(depthwise.rank() - 1)), true);
            long[] zShape = ConvOps.liftShape(Im2col.shape(x.size(0), out, channels), true);
            ConvOps.exec("depthwise_conv2d", new INDArray[]{x2, NativeConv.lift(singleFilter(depthwise)), bias},
                    new INDArray[]{z.reshape('c', zShape)}, NativeConv.args2d(g));
            ctx.save(key + "_x", x2);
            return z;
        }
        INDArray cols = Im2col.columns(ctx, key + "_cols", x, out, g);
        INDArray w = Im2col.expandGroups(ctx, key + "_full_kernel", grouped(depthwise), (int) x.size(x.rank() - 1));
        Blas.matmul(Im2col.matrix(cols, rows), false, Im2col.matrix(w, cols.length() / rows), false, z, 0.0);
        ctx.save(key + "_cols", cols);
        ctx.save(key + "_w", w);
        return z;
    }

    /**
     * The backward of {@link #depthwise}: adds the gradients of {@code kernel} and of the fused {@code bias} (null when
     * none was fused) from {@code dz} (batch, out..., c * m) and returns the channels-last input gradient (null unless
     * {@code needInput}).
     */
    static INDArray depthwiseBackward(CallContext ctx, String key, INDArray dz, Variable kernel, Variable bias, long[] in,
                                      long[] out, Im2col.Geometry g, boolean needInput) {
        if (NativeConv.covers(g)) {
            return nativeBackward(ctx, key, dz, kernel, bias, in, g, needInput);
        }
        INDArray cols = ctx.saved(key + "_cols");
        INDArray w = ctx.saved(key + "_w");
        long channels = w.size(w.rank() - 2);
        long rows = dz.length() / w.size(w.rank() - 1);
        INDArray cols2d = Im2col.matrix(cols, rows);
        INDArray dw = ctx.buffer(key + "_dw", dz.dataType(), w.shape());
        Blas.matmul(cols2d, true, Im2col.matrix(dz, rows), false, Im2col.matrix(dw, cols2d.size(1)), 0.0);
        Im2col.collapseGroups(dw, grouped(kernel.gradient()), (int) channels, kernel.beginGradientWrite());
        return needInput ? Im2col.inputGradient(ctx, key + "_dx", dz, w, in, out, g) : null;
    }

    /**
     * depthwise_conv2d_bp on the repeated input (which also gives the input gradient when it is not needed); the
     * gradient of input channel {@code c} sums those of its {@code depth_multiplier} copies.
     */
    private static INDArray nativeBackward(CallContext ctx, String key, INDArray dz, Variable kernel, Variable bias, long[] in,
                                           Im2col.Geometry g, boolean needInput) {
        INDArray dx2 = NativeConv.backward(ctx, key, "depthwise_conv2d_bp", NativeConv.args2d(g), ctx.saved(key + "_x"), dz, kernel,
                bias, k -> NativeConv.lift(singleFilter(k)));
        if (!needInput) {
            return null;
        }
        long multiplier = kernel.value().size(kernel.value().rank() - 1);
        long channels = kernel.value().size(kernel.value().rank() - 2);
        long[] dxShape = Im2col.shape(dz.size(0), in, channels);
        if (multiplier == 1) {
            return dx2.reshape('c', dxShape);
        }
        INDArray dx = ctx.buffer(key + "_dx_sum", dz.dataType(), dxShape);
        long[] copies = Arrays.copyOf(dxShape, dxShape.length + 1);
        copies[dxShape.length] = multiplier;
        dx2.reshape('c', copies).sum(dx, dxShape.length);
        return dx;
    }

    /**
     * Channels-last {@code x} (batch, spatial..., c) with each channel repeated {@code multiplier} times: (batch,
     * spatial..., c * multiplier), channel {@code c * multiplier + m} a copy of channel {@code c}; {@code x} itself for a
     * multiplier of 1. ND4J's oneDNN depthwise_conv2d takes only a depth_multiplier of 1 (its generic one is 10-20x slower
     * than this copy), so a depthwise convolution with multiplier {@code m} runs as one with multiplier 1 on the copies.
     * One strided assign per copy: ND4J's tile op is ~40x slower. Measured at 64 channels and multiplier 2: forward ~10x
     * faster than the block-diagonal GEMM, backward 1.2-1.5x slower (depthwise_conv2d_bp on twice the channels).
     */
    private static INDArray repeated(CallContext ctx, String key, INDArray x, long multiplier) {
        if (multiplier == 1) {
            return x;
        }
        long[] shape = x.shape().clone();
        long[] copies = Arrays.copyOf(shape, shape.length + 1);
        copies[shape.length] = multiplier;
        INDArray buffer = ctx.buffer(key, x.dataType(), copies);
        INDArrayIndex[] copy = Im2col.all(copies.length);
        for (int m = 0; m < multiplier; m++) {
            copy[shape.length] = NDArrayIndex.point(m);
            buffer.get(copy).assign(x);
        }
        shape[shape.length - 1] *= multiplier;
        return buffer.reshape('c', shape);
    }

    /** A depthwise kernel (k..., c, m) as the kernel (k..., c * m, 1) of a multiplier-1 convolution of the repeated input. */
    private static INDArray singleFilter(INDArray depthwise) {
        int r = depthwise.rank() - 2;
        long[] shape = depthwise.shape().clone();
        shape[r] *= shape[r + 1];
        shape[r + 1] = 1;
        return depthwise.reshape('c', shape);
    }

    @Override
    boolean convolveAddsBias() {
        return NativeConv.covers(geometry());
    }

    @Override
    boolean backwardAddsBiasGradient(boolean needInput) {
        return convolveAddsBias();
    }

    /** The bias when the native op fuses it, else null (this class's base adds it). */
    private Variable fusedBias() {
        return convolveAddsBias() ? bias() : null;
    }

    @Override
    INDArray convolve(INDArray x, long[] in, long[] out, CallContext ctx) {
        Variable b = fusedBias();
        return depthwise(ctx, "z", x, out, geometry(), kernel.value(), b == null ? null : b.value());
    }

    @Override
    INDArray convolveBackward(INDArray dz, long[] in, long[] out, boolean needInput, CallContext ctx) {
        return depthwiseBackward(ctx, "z", dz, kernel, fusedBias(), in, out, geometry(), needInput);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("depth_multiplier", depthMultiplier);
        config.put("depthwise_initializer", depthwiseInitializer);
        config.put("depthwise_regularizer", depthwiseRegularizer);
        config.put("depthwise_constraint", depthwiseConstraint);
        return config;
    }

    /** Applies the Keras config keys of a depthwise convolution to a new layer. */
    static <L extends BaseDepthwiseConv<L>> L configure(L layer, Config c) {
        layer.depthMultiplier(c.getInt("depth_multiplier", 1))
                .depthwiseInitializer(c.initializer("depthwise_initializer", "glorot_uniform"))
                .depthwiseRegularizer(c.regularizer("depthwise_regularizer"))
                .depthwiseConstraint(c.constraint("depthwise_constraint"));
        return ConvLayer.configure(layer, c);
    }

    /** The config keys {@link #configure} reads. */
    static final String[] KEYS = keys("depth_multiplier", "depthwise_initializer", "depthwise_regularizer", "depthwise_constraint");
}
