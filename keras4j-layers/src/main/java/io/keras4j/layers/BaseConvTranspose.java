package io.keras4j.layers;

import io.keras4j.backend.Blas;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Map;

/**
 * The shared mechanics of {@link Conv1DTranspose} and {@link Conv2DTranspose}, as
 * keras/src/layers/convolutional/base_conv_transpose.py {@code BaseConvTranspose}: the transpose (input gradient) of
 * the convolution whose kernel is this layer's kernel {@code kernel_size + (filters, input_channels)}, plus the bias
 * {@code (filters,)}, then the activation.
 *
 * <p>Output lengths as keras/src/backend/common/backend_utils.py {@code _get_output_shape_given_tf_padding}, with
 * {@code k' = dilation_rate * (kernel_size - 1) + 1}: padding "valid" gives {@code (n - 1) * strides + k' + p}, where
 * {@code p = output_padding} or, when it is null, {@code max(k', strides) - k'}; "same" gives {@code n * strides}
 * without output_padding, else {@code (n - 1) * strides + k' % 2 + output_padding}. The forward convolution it
 * transposes pads as TensorFlow does ("same": {@code floor(total / 2)} before).
 *
 * <p>Computed on {@link Im2col} GEMMs, not on ND4J's native deconv2d / deconv2d_bp: those compute Keras's values only
 * without output padding, run on oneDNN only for padding "valid" (ND4J's generic "same" is 3-5x slower than this
 * class), and even there measured slower here (64 filters 3x3 strides 2 on batch 64 of 16x16x64, one thread: 255-300 ms
 * forward + backward against 205-230 ms).
 *
 * @param <T> the concrete layer, returned by the fluent setters
 */
abstract class BaseConvTranspose<T extends BaseConvTranspose<T>> extends KernelConv<T> {
    private int[] outputPadding;

    BaseConvTranspose(int rank, int filters, int... kernelSize) {
        super(rank, filters, kernelSize);
    }

    /** Extra length added after each spatial axis (each must be less than the stride); null (default) infers it. */
    public T outputPadding(int... outputPadding) {
        this.outputPadding = outputPadding == null ? null : ConvUtils.tuple(className(), "output_padding", rank, true, outputPadding);
        return self();
    }

    @Override
    long outputChannels(long channels) {
        return filters;
    }

    @Override
    long outputLength(int axis, long in) {
        if (in < 0) {
            return -1;
        }
        long k = (long) dilationRate[axis] * (kernelSize[axis] - 1) + 1;
        long s = strides[axis];
        if (padding.equals("valid")) {
            long p = outputPadding == null ? Math.max(k, s) - k : outputPadding[axis];
            return (in - 1) * s + k + p;
        }
        return outputPadding == null ? in * s : (in - 1) * s + k % 2 + outputPadding[axis];
    }

    @Override
    void buildKernels(long channels) {
        for (int i = 0; outputPadding != null && i < rank; i++) {
            if (outputPadding[i] >= strides[i]) {
                throw new IllegalArgumentException(className() + " \"" + name() + "\": `output_padding` must be strictly less than"
                        + " `strides` for all dimensions; received output_padding=" + Arrays.toString(outputPadding)
                        + ", strides=" + Arrays.toString(strides));
            }
        }
        long[] kernelShape = new long[rank + 2];
        for (int i = 0; i < rank; i++) {
            kernelShape[i] = kernelSize[i];
        }
        kernelShape[rank] = filters;
        kernelShape[rank + 1] = channels;
        buildKernel(kernelShape);
    }

    @Override
    INDArray convolve(INDArray x, long[] in, long[] out, CallContext ctx) {
        INDArray y = Im2col.inputGradient(ctx, "z", x, kernel.value(), out, in, geometry());
        ctx.save("x", x);
        return y.reshape(y.length() / filters, filters);
    }

    /** The forward convolution of {@code dz} by the kernel gives the input gradient; its columns give the kernel's. */
    @Override
    INDArray convolveBackward(INDArray dz, long[] in, long[] out, boolean needInput, CallContext ctx) {
        INDArray x = ctx.saved("x");
        INDArray cols = Im2col.columns(ctx, "dcols", ConvOps.contiguous(dz), in, geometry());
        long rows = x.length() / x.size(rank + 1);
        INDArray cols2d = Im2col.matrix(cols, rows);
        INDArray x2d = Im2col.matrix(x, rows);
        Blas.matmul(cols2d, true, x2d, false, Im2col.matrix(kernel.gradient(), cols2d.size(1)), kernel.beginGradientWrite());
        if (!needInput) {
            return null;
        }
        INDArray dx = ctx.buffer("dx", dtype(), x.shape());
        Blas.matmul(cols2d, false, Im2col.matrix(kernel.value(), cols2d.size(1)), false, Im2col.matrix(dx, rows), 0.0);
        return dx;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("filters", filters);
        config.put("output_padding", outputPadding == null ? null : outputPadding.clone());
        putKernelConfig(config);
        return config;
    }

    /** Applies the Keras config keys of a transposed convolution to a new layer. */
    static <L extends BaseConvTranspose<L>> L configure(L layer, Config c) {
        configureKernel(layer.outputPadding(ConvUtils.ints(c, "output_padding", null)), c);
        return ConvLayer.configure(layer, c);
    }

    /** The config keys {@link #configure} reads. */
    static final String[] KEYS = keys("filters", "output_padding", "kernel_initializer", "kernel_regularizer", "kernel_constraint");
}
