package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import io.keras4j.testing.GradientCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The convolutions that run on ND4J's native ops ({@link NativeConv}): in float64 (libnd4j's generic kernels, and the
 * {@link Im2col} path for the cases the native ops do not cover) the gradients of inputs and weights are checked
 * against central differences; in float32, where the onednn build runs oneDNN's primitives, the output and every
 * gradient must equal the float64 ones within 1e-4 relative plus 1e-4 absolute. Forward values against real Keras
 * are in {@link ConvGoldenTest}.
 */
class NativeConvTest {
    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("depthwise2d same", (Supplier<ConvLayer<?>>) () -> new DepthwiseConv2D(3).padding("same"), new long[]{2, 6, 5, 3}),
                Arguments.of("depthwise2d valid strides channels_first", (Supplier<ConvLayer<?>>) () -> new DepthwiseConv2D(3, 2).strides(2, 1)
                        .dataFormat("channels_first"), new long[]{2, 3, 7, 6}),
                Arguments.of("depthwise2d same strides multiplier 3", (Supplier<ConvLayer<?>>) () -> new DepthwiseConv2D(3).strides(2).padding("same")
                        .depthMultiplier(3).activation("tanh"), new long[]{2, 7, 6, 2}),
                Arguments.of("depthwise2d dilated (Im2col)", (Supplier<ConvLayer<?>>) () -> new DepthwiseConv2D(2).dilationRate(2).depthMultiplier(2),
                        new long[]{2, 6, 6, 2}),
                Arguments.of("depthwise1d same strides multiplier 2 channels_first", (Supplier<ConvLayer<?>>) () -> new DepthwiseConv1D(3).strides(2)
                        .padding("same").depthMultiplier(2).dataFormat("channels_first"), new long[]{2, 2, 7}),
                Arguments.of("separable2d same multiplier 2", (Supplier<ConvLayer<?>>) () -> new SeparableConv2D(4, 3).padding("same").depthMultiplier(2),
                        new long[]{2, 6, 5, 3}),
                Arguments.of("separable1d valid channels_first no bias", (Supplier<ConvLayer<?>>) () -> new SeparableConv1D(3, 2)
                        .dataFormat("channels_first").useBias(false), new long[]{2, 3, 6}),
                Arguments.of("conv3d same strides", (Supplier<ConvLayer<?>>) () -> new Conv3D(3, 2, 3, 2).strides(2, 1, 2).padding("same")
                        .activation("tanh"), new long[]{2, 3, 4, 5, 2}),
                Arguments.of("conv3d valid channels_first no bias", (Supplier<ConvLayer<?>>) () -> new Conv3D(2, 2).dataFormat("channels_first")
                        .useBias(false), new long[]{2, 2, 3, 4, 3}),
                Arguments.of("conv3d groups 2 (Im2col)", (Supplier<ConvLayer<?>>) () -> new Conv3D(4, 2).groups(2), new long[]{2, 3, 3, 3, 4}),
                Arguments.of("conv3d dilated (Im2col)", (Supplier<ConvLayer<?>>) () -> new Conv3D(2, 2).dilationRate(2, 1, 1).padding("same"),
                        new long[]{2, 4, 3, 3, 2}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void float64GradientsAndFloat32Agree(String label, Supplier<ConvLayer<?>> factory, long[] inputShape) {
        ConvLayer<?> wide = factory.get().dtype("float64");
        INDArray x = Nd4j.rand(DataType.DOUBLE, inputShape).muli(2).subi(1);
        wide.applyAll(false, x);
        GradientCheck.checkLayer(wide, false, x);

        ConvLayer<?> narrow = factory.get();
        narrow.applyAll(false, x.castTo(DataType.FLOAT));
        for (int i = 0; i < wide.weights().size(); i++) {
            narrow.weights().get(i).assign(wide.weights().get(i).value().castTo(DataType.FLOAT));
        }
        List<INDArray> expected = step(wide, x);
        List<INDArray> actual = step(narrow, x.castTo(DataType.FLOAT));
        String[] names = {"output", "input gradient", "kernel gradient", "second kernel gradient", "third gradient"};
        for (int i = 0; i < expected.size(); i++) {
            INDArray e = expected.get(i);
            INDArray a = actual.get(i).castTo(DataType.DOUBLE);
            assertArrayEquals(e.shape(), a.shape(), names[i] + " shape");
            double excess = Transforms.abs(a.sub(e)).subi(Transforms.abs(e).muli(1e-4).addi(1e-4)).maxNumber().doubleValue();
            assertTrue(excess <= 0, label + ": float32 " + names[i] + " differs from float64 by more than 1e-4 + 1e-4 * |value|: "
                    + "\nfloat64 " + e + "\nfloat32 " + a);
        }
    }

    /**
     * The output, the input gradient and the weight gradients (in weight order) of {@code L = sum(r * layer(x))} for a
     * fixed r (the same for both precisions).
     */
    private static List<INDArray> step(Layer layer, INDArray x) {
        CallContext ctx = new CallContext();
        ctx.begin(true, new boolean[]{true});
        INDArray y = layer.call(new INDArray[]{x}, ctx)[0].dup();
        Nd4j.getRandom().setSeed(7);
        INDArray r = Nd4j.rand(DataType.DOUBLE, y.shape()).subi(0.5).castTo(x.dataType());
        layer.weights().forEach(Variable::resetGradient);
        INDArray dx = layer.backward(new INDArray[]{r}, ctx)[0].dup();
        List<INDArray> out = new ArrayList<>(List.of(y, dx));
        layer.weights().forEach(v -> out.add(v.gradient().dup()));
        return out;
    }
}
