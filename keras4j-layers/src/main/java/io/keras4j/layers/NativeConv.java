package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The integer arguments and kernel layouts of ND4J's native convolution ops (libnd4j
 * ops/declarable/generic/nn/convo: depthwise_conv2d, conv3dnew and their {@code _bp} variants), which run on oneDNN in
 * the onednn builds. Inputs are channels last (a 1D input lifted to a height of 1 by {@link ConvOps#lift}),
 * kernels in Keras's layout ({@code wFormat} 0: spatial axes first).
 */
final class NativeConv {
    private NativeConv() {
    }

    /**
     * Whether the native ops compute a convolution of this geometry as Keras does: 1, 2 or 3 spatial axes, "valid" or
     * "same" padding (ND4J pads {@code floor(total / 2)} before, as TensorFlow), no dilation (the oneDNN build fails on
     * dilated depthwise and 3D convolutions: "could not create a descriptor for a dilated convolution").
     */
    static boolean covers(Im2col.Geometry g) {
        return !g.padding().equals("causal") && Arrays.stream(g.d()).allMatch(d -> d == 1);
    }

    /**
     * The integer arguments of depthwise_conv2d and depthwise_conv2d_bp: {@code kH, kW, sH, sW, pH, pW, dH, dW,
     * isSameMode, dataFormat (1: NHWC), wFormat (0: (kH, kW, iC, mC))}.
     */
    static int[] args2d(Im2col.Geometry g) {
        ConvOps.Window w = ConvOps.Window.of(g.k(), g.s(), g.d(), ConvUtils.mode(g.padding()), true);
        return new int[]{w.kernel()[0], w.kernel()[1], w.strides()[0], w.strides()[1], 0, 0, w.dilation()[0], w.dilation()[1],
                w.mode(), 1, 0};
    }

    /**
     * The integer arguments of conv3dnew and conv3dnew_bp: {@code kD, kH, kW, sD, sH, sW, pD, pH, pW, dD, dH, dW,
     * paddingMode (1: same), dataFormat (1: NDHWC), wFormat (0: (kD, kH, kW, iC, oC))}.
     */
    static int[] args3d(Im2col.Geometry g) {
        int[] k = g.k();
        int[] s = g.s();
        int[] d = g.d();
        return new int[]{k[0], k[1], k[2], s[0], s[1], s[2], 0, 0, 0, d[0], d[1], d[2], ConvUtils.mode(g.padding()), 1, 0};
    }

    /** A 1D kernel (k, a, b) as the 2D kernel (1, k, a, b) sharing its buffer; other kernels unchanged. */
    static INDArray lift(INDArray kernel) {
        return kernel.rank() == 3 ? kernel.reshape('c', 1, kernel.size(0), kernel.size(1), kernel.size(2)) : kernel;
    }

    /**
     * Runs the backward op {@code op} (depthwise_conv2d_bp, conv3dnew_bp, ...) on the native-shaped input {@code x}, the
     * kernel, the bias (null for none) and the output gradient {@code dz} (lifted like {@code x}), adds the kernel and bias
     * gradients to the variables, and returns the input gradient, shaped as {@code x}. {@code layout} views a kernel
     * (or its gradient buffer) as the op takes it, sharing its buffer.
     */
    static INDArray backward(CallContext ctx, String key, String op, int[] args, INDArray x, INDArray dz, Variable kernel,
                             Variable bias, UnaryOperator<INDArray> layout) {
        INDArray dx = ctx.buffer(key + "_dx", dz.dataType(), x.shape());
        INDArray dw = ctx.buffer(key + "_dw", dz.dataType(), kernel.gradient().shape());
        INDArray db = bias == null ? null : ctx.buffer(key + "_db", dz.dataType(), bias.gradient().shape());
        ConvOps.exec(op, new INDArray[]{x, layout.apply(kernel.value()), bias == null ? null : bias.value(), ConvOps.lift(dz, true)},
                new INDArray[]{dx, layout.apply(dw), db}, args);
        kernel.addGradient(dw);
        if (bias != null) {
            bias.addGradient(db);
        }
        return dx;
    }
}
