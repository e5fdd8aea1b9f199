package io.keras4j.layers;

import io.keras4j.engine.Layer;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DepthwiseConv1D/2D, SeparableConv1D/2D and Conv1DTranspose/2DTranspose through the layer harness (float64
 * gradient checks, config round trip), hand-computed values and argument checks; Keras's own values are in
 * {@link ConvGoldenTest}.
 */
class ConvVariantsTest {
    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("depthwise2d same stride multiplier", (Supplier<Layer>) () -> new DepthwiseConv2D(2).strides(2).padding("same").depthMultiplier(2).activation("tanh"),
                        new long[]{2, 3, 3, 2}, new long[]{2, 2, 2, 4}, 2 * 2 * 2 * 2 + 4),
                Arguments.of("depthwise1d channels_first dilated", (Supplier<Layer>) () -> new DepthwiseConv1D(2).dilationRate(2).dataFormat("channels_first"),
                        new long[]{2, 2, 5}, new long[]{2, 2, 3}, 2 * 2 + 2),
                Arguments.of("separable2d", (Supplier<Layer>) () -> new SeparableConv2D(3, 2).depthMultiplier(2).activation("sigmoid"),
                        new long[]{2, 3, 3, 2}, new long[]{2, 2, 2, 3}, 2 * 2 * 2 * 2 + 4 * 3 + 3),
                Arguments.of("separable1d same channels_first", (Supplier<Layer>) () -> new SeparableConv1D(2, 3).padding("same").strides(2).dataFormat("channels_first"),
                        new long[]{2, 2, 5}, new long[]{2, 2, 3}, 3 * 2 + 2 * 2 + 2),
                Arguments.of("conv2d transpose same stride", (Supplier<Layer>) () -> new Conv2DTranspose(2, 3).strides(2).padding("same").activation("tanh"),
                        new long[]{2, 2, 2, 2}, new long[]{2, 4, 4, 2}, 3 * 3 * 2 * 2 + 2),
                Arguments.of("conv2d transpose valid output_padding channels_first", (Supplier<Layer>) () -> new Conv2DTranspose(2, 2).strides(2, 1).outputPadding(1, 0).dataFormat("channels_first"),
                        new long[]{2, 1, 2, 2}, new long[]{2, 2, 5, 3}, 2 * 2 * 2 * 1 + 2),
                Arguments.of("conv1d transpose dilated", (Supplier<Layer>) () -> new Conv1DTranspose(2, 2).dilationRate(2).useBias(false),
                        new long[]{2, 3, 2}, new long[]{2, 5, 2}, 2 * 2 * 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void harness(String label, Supplier<Layer> factory, long[] input, long[] output, long params) {
        LayerTestHarness.of(factory, input).expectedOutputShape(output).expectedParams(params).run();
    }

    @Test
    void depthwiseKeepsChannelsApartInKerasOrder() {
        // Input channels 1 and 10 everywhere; kernel [..., c, m] = (c + 1) * (m + 1): output channel c * 2 + m.
        DepthwiseConv1D conv = new DepthwiseConv1D(2).depthMultiplier(2).useBias(false);
        conv.applyAll(false, Nd4j.zeros(1, 3, 2));
        assertArrayEquals(new long[]{2, 2, 2}, conv.kernel().value().shape());
        conv.kernel().assign(Nd4j.createFromArray(new float[]{1, 2, 2, 4, 1, 2, 2, 4}).reshape(2, 2, 2));
        INDArray x = Nd4j.createFromArray(new float[]{1, 10, 1, 10, 1, 10}).reshape(1, 3, 2);
        INDArray y = conv.applyAll(false, x)[0];
        assertArrayEquals(new float[]{2, 4, 40, 80, 2, 4, 40, 80}, y.reshape(8).toFloatVector(), 0f);
    }

    @Test
    void transposeSpreadsEachInputOverTheStridedKernel() {
        // Input [1, 2], kernel [1, 1, 1], strides 2, valid: length (2 - 1) * 2 + 3 = 5, overlapping cell sums 1 + 2.
        Conv1DTranspose conv = new Conv1DTranspose(1, 3).strides(2).useBias(false);
        conv.applyAll(false, Nd4j.zeros(1, 2, 1));
        assertArrayEquals(new long[]{3, 1, 1}, conv.kernel().value().shape());
        conv.kernel().assign(Nd4j.ones(3, 1, 1));
        INDArray y = conv.applyAll(false, Nd4j.createFromArray(new float[]{1, 2}).reshape(1, 2, 1))[0];
        assertArrayEquals(new float[]{1, 1, 3, 2, 2}, y.reshape(5).toFloatVector(), 0f);
    }

    @Test
    void separableWeightsInKerasOrderAndLayout() {
        SeparableConv2D conv = new SeparableConv2D(4, 3).depthMultiplier(2);
        conv.applyAll(false, Nd4j.zeros(1, 5, 5, 3));
        assertArrayEquals(new long[]{3, 3, 3, 2}, conv.weights().get(0).value().shape());
        assertArrayEquals(new long[]{1, 1, 6, 4}, conv.weights().get(1).value().shape());
        assertArrayEquals(new long[]{4}, conv.weights().get(2).value().shape());
    }

    @Test
    void badArgumentsNameTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DepthwiseConv2D(3).depthMultiplier(0));
        assertTrue(e.getMessage().contains("depth_multiplier"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SeparableConv1D(0, 3));
        assertTrue(e.getMessage().contains("filters"), e.getMessage());
        Conv2DTranspose t = new Conv2DTranspose(2, 3).strides(2).outputPadding(2);
        e = assertThrows(IllegalArgumentException.class, () -> t.applyAll(false, Nd4j.zeros(1, 3, 3, 1)));
        assertTrue(e.getMessage().contains("output_padding"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv1DTranspose(2, 3).padding("causal"));
        assertTrue(e.getMessage().contains("padding"), e.getMessage());
    }
}
