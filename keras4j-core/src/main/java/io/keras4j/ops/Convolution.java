package io.keras4j.ops;

import io.keras4j.backend.Tape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code keras.ops.conv} over 1, 2 or 3 spatial axes and {@code keras.ops.depthwise_conv} over 1 or 2, on ND4J's native
 * {@code conv2d}/{@code conv3dnew}/{@code depthwise_conv2d} ops and, for the gradient, their {@code _bp} twins. Kernels are in Keras's
 * layout: {@code (spatial..., in_channels, out_channels)} for conv, {@code (spatial..., in_channels, multiplier)} for
 * depthwise. A dilated convolution runs as an undilated one with a {@link #dilate dilated} kernel.
 */
final class Convolution {
    private Convolution() {
    }

    static INDArray conv(INDArray inputs, INDArray kernel, int[] strides, String padding, String dataFormat, int[] dilationRate) {
        return run("conv", inputs.rank() == 5 ? "conv3dnew" : "conv2d", inputs, kernel, strides, padding, dataFormat, dilationRate);
    }

    static INDArray depthwiseConv(INDArray inputs, INDArray kernel, int[] strides, String padding, String dataFormat,
                                  int[] dilationRate) {
        if (inputs.rank() == 5) {
            throw new IllegalArgumentException("ops.depthwise_conv: 3-D inputs are not supported (ND4J has no 3-D depthwise "
                    + "convolution), got inputs shape " + Axes.shape(inputs.shape()));
        }
        return run("depthwise_conv", "depthwise_conv2d", inputs, kernel, strides, padding, dataFormat, dilationRate);
    }

    /**
     * The kernel with {@code dilation - 1} zeros between its taps along each spatial axis: a convolution with it equals the
     * dilated convolution (ND4J's oneDNN conv2d refuses dilation in float32). Its gradient is the taps' entries.
     */
    private static INDArray dilate(INDArray kernel, int[] dilation) {
        int spatial = kernel.rank() - 2;
        long[] shape = kernel.shape().clone();
        INDArrayIndex[] taps = NDArrayIndex.allFor(kernel);
        for (int i = 0; i < spatial; i++) {
            shape[i] = (kernel.size(i) - 1) * dilation[i] + 1;
            taps[i] = NDArrayIndex.interval(0, dilation[i], shape[i]);
        }
        INDArray out = Nd4j.zeros(kernel.dataType(), shape);
        out.get(taps).assign(kernel);
        Tape.record(out, (g, needs) -> new INDArray[]{g.get(taps).dup('c')}, kernel);
        return out;
    }

    private static INDArray run(String op, String nativeOp, INDArray inputs, INDArray kernel, int[] strides, String padding,
                                String dataFormat, int[] dilationRate) {
        if (kernel.rank() != inputs.rank()) {
            throw new IllegalArgumentException("ops." + op + ": kernel must have rank " + inputs.rank() + " (spatial axes, in_channels, "
                    + (op.equals("conv") ? "out_channels" : "channel_multiplier") + ") for inputs of shape "
                    + Axes.shape(inputs.shape()) + ", got kernel shape " + Axes.shape(kernel.shape()));
        }
        int spatial = inputs.rank() - 2;
        int[] k = new int[spatial];
        for (int i = 0; i < spatial; i++) {
            k[i] = (int) kernel.size(i);
        }
        Window w = Window.of(op, inputs, k, strides, dilationRate, padding, dataFormat);
        if (w.dilation()[0] > 1 || w.dilation()[1] > 1) {
            return run(op, nativeOp, inputs, dilate(kernel, w.oneD() ? new int[]{w.dilation()[1]} : w.dilation()), strides, padding,
                    dataFormat, new int[]{1});
        }
        long channels = inputs.size(w.channelAxis(inputs.rank()));
        if (kernel.size(-2) != channels) {
            throw new IllegalArgumentException("ops." + op + ": the kernel's in_channels (axis -2 of kernel shape "
                    + Axes.shape(kernel.shape()) + ") must equal the inputs' channels (" + channels + ", inputs shape "
                    + Axes.shape(inputs.shape()) + ")" + (op.equals("conv") ? "; grouped convolutions are not supported" : ""));
        }
        DTypes.requireFloat(op, "inputs", inputs);
        DTypes.requireFloat(op, "kernel", kernel);
        DataType type = DTypes.result(inputs, kernel);
        INDArray x = DTypes.as(inputs, type).dup('c').reshape('c', w.liftShape(inputs.shape()));
        INDArray kn = DTypes.as(kernel, type).dup('c');
        INDArray k4 = kernel.rank() == 3 ? kn.reshape('c', 1, kn.size(0), kn.size(1), kn.size(2)) : kn;
        int[] args = w.args(w.channelsLast() ? 1 : 0, 0);
        INDArray z = Nd4j.exec(DynamicCustomOp.builder(nativeOp).addInputs(x, k4).addIntegerArguments(args).build())[0];
        INDArray out = z.reshape('c', w.lowerShape(z.shape()));
        Tape.record(out, (g, needs) -> {
            INDArray dz = g.dup('c').reshape('c', z.shape());
            INDArray dx = Nd4j.createUninitialized(type, x.shape());
            INDArray dk = Nd4j.createUninitialized(type, k4.shape());
            Nd4j.exec(DynamicCustomOp.builder(nativeOp + "_bp").addInputs(x, k4, dz).addOutputs(dx, dk)
                    .addIntegerArguments(args).build());
            return new INDArray[]{DTypes.as(dx.reshape('c', inputs.shape()), inputs.dataType()),
                    DTypes.as(dk.reshape('c', kernel.shape()), kernel.dataType())};
        }, inputs, kernel);
        return out;
    }
}
