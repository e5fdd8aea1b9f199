package io.keras4j.layers;

import io.keras4j.backend.Layouts;
import io.keras4j.backend.Blas;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * The shared mechanics of {@link Conv1D}, {@link Conv2D} and {@link Conv3D}, as
 * keras/src/layers/convolutional/base_conv.py {@code BaseConv}:
 * {@code outputs = activation(conv(inputs, kernel) + bias)} with a kernel of shape
 * {@code kernel_size + (input_channels / groups, filters)} and a bias of shape {@code (filters,)}.
 *
 * <p>1D and 2D convolutions of one group without dilation run on ND4J's native conv2d / conv2d_bp (oneDNN in the
 * onednn builds) with the bias fused; a first layer over few channels, whose input gradient nobody needs, gets its
 * kernel and bias gradients (and in training its output) from one GEMM over a {@link PatchMatrix}. The rest
 * (dilation, causal padding, groups) are GEMMs over {@link Im2col} patch arrays; with {@code groups > 1} the kernel is expanded to a block-diagonal
 * full kernel, so each group of filters sees only its group of input channels.
 *
 * @param <T> the concrete layer, returned by the fluent setters
 */
abstract class BaseConv<T extends BaseConv<T>> extends KernelConv<T> {
    private int groups = 1;

    BaseConv(int rank, int filters, int... kernelSize) {
        super(rank, filters, kernelSize);
    }

    /** The number of groups the input channels and the filters are split into (each must divide evenly). */
    public T groups(int groups) {
        if (groups <= 0 || filters % groups != 0) {
            throw new IllegalArgumentException(className() + ": the number of filters must be evenly divisible by the number of groups;"
                    + " received groups=" + groups + ", filters=" + filters);
        }
        this.groups = groups;
        return self();
    }

    @Override
    boolean allowsCausal() {
        return rank == 1;
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
        if (channels % groups != 0) {
            throw new IllegalArgumentException(className() + " \"" + name() + "\": the number of input channels must be"
                    + " evenly divisible by the number of groups; received groups=" + groups + ", input channels " + channels);
        }
        long[] kernelShape = new long[rank + 2];
        for (int i = 0; i < rank; i++) {
            kernelShape[i] = kernelSize[i];
        }
        kernelShape[rank] = channels / groups;
        kernelShape[rank + 1] = filters;
        buildKernel(kernelShape);
    }

    /** The number of groups the input channels and the filters are split into. */
    int groups() {
        return groups;
    }

    /**
     * Whether ND4J's native conv2d/conv2d_bp (oneDNN primitives in the onednn builds) compute this convolution:
     * 1D (lifted to a height of 1) or 2D, one group, a geometry {@link NativeConv#covers}.
     */
    private boolean nativeConv() {
        return rank <= 2 && groups == 1 && NativeConv.covers(geometry());
    }

    @Override
    boolean convolveAddsBias() {
        return nativeConv();
    }

    @Override
    boolean backwardAddsBiasGradient(boolean needInput) {
        return nativeConv() && needInput || patchGradients(needInput);
    }

    /** Whether the kernel and bias gradients come from one {@link PatchMatrix} GEMM (a first layer with few channels). */
    private boolean patchGradients(boolean needInput) {
        return nativeConv() && !needInput && PatchMatrix.applies(dtype(), rank, kernel.value().size(rank));
    }

    /** The {@link PatchMatrix} of {@code x}, with a row of ones when the layer has a bias. */
    private INDArray patches(CallContext ctx, INDArray x, long[] out) {
        return PatchMatrix.of(ctx, x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT), out, geometry(), bias() != null);
    }

    /**
     * The kernel as a {@code (patch length, filters)} matrix, the bias as its last row when the layer has one: two buffer
     * copies (the float32 weights are dense C-order arrays), not the ~5 ND4J calls of views and assigns.
     */
    private INDArray kernelAndBias(CallContext ctx, long rows) {
        INDArray w = ctx.buffer("kernel_and_bias", DataType.FLOAT, rows, filters);
        FloatBuffer target = Layouts.floats(w);
        int k = (int) kernel.value().length();
        target.put(0, Layouts.floats(kernel.value()), 0, k);
        if (bias() != null) {
            target.put(k, Layouts.floats(bias().value()), 0, filters);
        }
        return w;
    }

    @Override
    INDArray convolve(INDArray x, long[] in, long[] out, CallContext ctx) {
        long rows = x.size(0) * Im2col.product(out);
        INDArray z = ctx.buffer("z", dtype(), rows, filters);
        if (ctx.training() && patchGradients(ctx.needsInputGradient(0))) {
            // the patch matrix the kernel gradient will need also gives z, bias included, in one GEMM (faster than
            // conv2d over few channels)
            INDArray patches = patches(ctx, x, out);
            Blas.matmul(patches, true, kernelAndBias(ctx, patches.size(0)), false, z, 0.0);
            ctx.save("patches", patches);
            return z;
        }
        if (nativeConv()) {
            INDArray x2 = ConvOps.lift(x, true);
            long[] zShape = ConvOps.liftShape(Im2col.shape(x.size(0), out, filters), true);
            INDArray b = bias() == null ? null : bias().value();
            ConvOps.exec("conv2d", new INDArray[]{x2, NativeConv.lift(kernel.value()), b}, new INDArray[]{z.reshape('c', zShape)},
                    NativeConv.args2d(geometry()));
            ctx.save("x", x);
            ctx.save("x2", x2);
            return z;
        }
        INDArray cols = Im2col.columns(ctx, "cols", x, out, geometry());
        INDArray w = Im2col.expandGroups(ctx, "full_kernel", kernel.value(), groups);
        Blas.matmul(Im2col.matrix(cols, rows), false, Im2col.matrix(w, cols.length() / rows), false, z, 0.0);
        ctx.save("cols", cols);
        ctx.save("w", w);
        return z;
    }

    @Override
    INDArray convolveBackward(INDArray dz, long[] in, long[] out, boolean needInput, CallContext ctx) {
        if (nativeConv() && needInput) {
            INDArray x2 = ctx.saved("x2");
            INDArray dx2 = NativeConv.backward(ctx, "conv", "conv2d_bp", NativeConv.args2d(geometry()), x2, dz, kernel, bias(),
                    NativeConv::lift);
            return dx2.reshape('c', Im2col.shape(dz.size(0), in, x2.size(3)));
        }
        long rows = dz.length() / filters;
        if (patchGradients(needInput)) {
            Variable b = bias();
            INDArray patches = ctx.training() ? ctx.saved("patches") : patches(ctx, ctx.saved("x"), out);
            INDArray grads = ctx.buffer("patch_grads", DataType.FLOAT, patches.size(0), filters);
            Blas.matmul(patches, false, dz.reshape(rows, filters), false, grads, 0.0);
            long k = kernel.gradient().length() / filters;
            kernel.addGradient(grads.get(NDArrayIndex.interval(0, k), NDArrayIndex.all()).reshape(kernel.gradient().shape()));
            if (b != null) {
                b.addGradient(grads.get(NDArrayIndex.point(k), NDArrayIndex.all()));
            }
            return null;
        }
        INDArray cols = nativeConv() ? Im2col.columns(ctx, "cols", ctx.<INDArray>saved("x"), out, geometry()) : ctx.saved("cols");
        INDArray w = nativeConv() ? kernel.value() : ctx.saved("w");
        INDArray dz2d = dz.reshape(rows, filters);
        INDArray cols2d = Im2col.matrix(cols, rows);
        if (groups == 1) {
            Blas.matmul(cols2d, true, dz2d, false, Im2col.matrix(kernel.gradient(), cols2d.size(1)), kernel.beginGradientWrite());
        } else {
            INDArray dw = ctx.buffer("dw", dtype(), w.shape());
            Blas.matmul(cols2d, true, dz2d, false, Im2col.matrix(dw, cols2d.size(1)), 0.0);
            Im2col.collapseGroups(dw, kernel.gradient(), groups, kernel.beginGradientWrite());
        }
        return needInput ? Im2col.inputGradient(ctx, "dx", dz, w, in, out, geometry()) : null;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("filters", filters);
        config.put("groups", groups);
        putKernelConfig(config);
        return ConvLayer.inKerasOrder(config, "name", "trainable", "dtype", "filters", "kernel_size", "strides", "padding",
                "data_format", "dilation_rate", "groups", "activation", "use_bias", "kernel_initializer", "bias_initializer",
                "kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint");
    }

    /** Applies the Keras config keys of a convolution (Keras 3 and Keras 2 names) to a new layer. */
    static <L extends BaseConv<L>> L configure(L layer, Config c) {
        configureKernel(layer.groups(c.getInt("groups", 1)), c);
        return ConvLayer.configure(layer, c);
    }

    /** The config keys {@link #configure} reads. */
    static final String[] KEYS = keys("filters", "groups", "kernel_initializer", "kernel_regularizer", "kernel_constraint",
            "lora_rank", "lora_alpha", "quantization_config");
}
