package io.keras4j.layers;

import io.keras4j.engine.Layer;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conv1D, Conv2D and Conv3D through the layer harness (float64 gradient checks), and their argument checks. */
class ConvTest {
    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("conv2d valid", (Supplier<Layer>) () -> new Conv2D(2, 2), new long[]{2, 4, 3, 2}, new long[]{2, 3, 2, 2}, 2 * 2 * 2 * 2 + 2),
                Arguments.of("conv2d same stride relu", (Supplier<Layer>) () -> new Conv2D(2, 3).strides(2).padding("same").activation("tanh"),
                        new long[]{2, 5, 4, 1}, new long[]{2, 3, 2, 2}, 3 * 3 * 2 + 2),
                Arguments.of("conv2d dilated channels_first no bias", (Supplier<Layer>) () -> new Conv2D(3, 2).dilationRate(2).useBias(false).dataFormat("channels_first"),
                        new long[]{2, 2, 4, 4}, new long[]{2, 3, 2, 2}, 2 * 2 * 2 * 3),
                Arguments.of("conv2d groups", (Supplier<Layer>) () -> new Conv2D(4, 2).groups(2), new long[]{2, 3, 3, 4}, new long[]{2, 2, 2, 4}, 2 * 2 * 2 * 4 + 4),
                Arguments.of("conv1d causal dilated", (Supplier<Layer>) () -> new Conv1D(2, 2).padding("causal").dilationRate(2).activation("sigmoid"),
                        new long[]{2, 5, 3}, new long[]{2, 5, 2}, 2 * 3 * 2 + 2),
                Arguments.of("conv1d same stride channels_first", (Supplier<Layer>) () -> new Conv1D(2, 3).strides(2).padding("same").dataFormat("channels_first"),
                        new long[]{2, 2, 5}, new long[]{2, 2, 3}, 3 * 2 * 2 + 2),
                Arguments.of("conv3d same", (Supplier<Layer>) () -> new Conv3D(2, 2).padding("same").strides(2, 1, 1), new long[]{2, 3, 2, 2, 2},
                        new long[]{2, 2, 2, 2, 2}, 2 * 2 * 2 * 2 * 2 + 2),
                Arguments.of("conv3d channels_first groups", (Supplier<Layer>) () -> new Conv3D(2, 2).groups(2).dataFormat("channels_first"),
                        new long[]{2, 2, 2, 3, 2}, new long[]{2, 2, 1, 2, 1}, 2 * 2 * 2 * 1 * 2 + 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void harness(String label, Supplier<Layer> factory, long[] input, long[] output, long params) {
        LayerTestHarness.of(factory, input).expectedOutputShape(output).expectedParams(params).run();
    }

    @Test
    void conv2dMatchesHandComputationWithSamePaddingOnTheRightAndBottom() {
        // 1x3x3x1 input 1..9, kernel 2x2 of ones, "same" padding: Keras pads one zero row/column after, none before.
        Conv2D conv = new Conv2D(1, 2).padding("same").useBias(false);
        conv.applyAll(false, Nd4j.zeros(1, 3, 3, 1));
        conv.kernel().assign(Nd4j.ones(2, 2, 1, 1));
        INDArray x = Nd4j.linspace(1, 9, 9).reshape(1, 3, 3, 1);
        INDArray y = conv.applyAll(false, x)[0];
        assertArrayEquals(new float[]{12, 16, 9, 24, 28, 15, 15, 17, 9}, y.reshape(9).toFloatVector(), 0f);
    }

    @Test
    void kernelHasKerasLayout() {
        Conv1D conv = new Conv1D(5, 3).groups(1);
        conv.applyAll(false, Nd4j.zeros(1, 7, 4));
        assertArrayEquals(new long[]{3, 4, 5}, conv.kernel().value().shape());
        Conv2D grouped = new Conv2D(6, 2, 3).groups(3);
        grouped.applyAll(false, Nd4j.zeros(1, 4, 4, 9));
        assertArrayEquals(new long[]{2, 3, 3, 6}, grouped.kernel().value().shape());
    }

    @Test
    void configCarriesKerasKeysAndDefaults() {
        Map<String, Object> config = new Conv2D(32, 3).getConfig();
        assertArrayEquals(new int[]{3, 3}, (int[]) config.get("kernel_size"));
        assertArrayEquals(new int[]{1, 1}, (int[]) config.get("strides"));
        assertEquals("valid", config.get("padding"));
        assertEquals("channels_last", config.get("data_format"));
        assertEquals(1, config.get("groups"));
        assertEquals("linear", config.get("activation"));
    }

    @Test
    void badArgumentsNameTheArgument() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Conv2D(0, 3)).getMessage().contains("filters"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Conv2D(4, 3, 3, 3)).getMessage().contains("kernel_size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Conv2D(4, 3).padding("causal")).getMessage().contains("padding"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Conv2D(4, 3).groups(3)).getMessage().contains("groups"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Conv2D(4, 3).dataFormat("nhwc")).getMessage().contains("data_format"));
        Conv2D tooSmall = new Conv2D(4, 5).name("small");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tooSmall.applyAll(false, Nd4j.zeros(1, 3, 3, 1)));
        assertTrue(e.getMessage().contains("negative") || e.getMessage().contains("output size"), e.getMessage());
        Conv2D dilatedStrided = new Conv2D(4, 2).strides(2).dilationRate(2);
        assertThrows(IllegalArgumentException.class, () -> dilatedStrided.applyAll(false, Nd4j.zeros(1, 8, 8, 1)));
    }

    @Test
    void keras2ConfigOfLegacyConv1DIsAccepted() {
        Map<String, Object> config = Map.of("name", "conv0", "trainable", true, "batch_input_shape", java.util.Arrays.asList(null, 3, 16),
                "dtype", "float32", "filters", 4, "kernel_size", java.util.List.of(2), "strides", java.util.List.of(1),
                "padding", "same", "data_format", "channels_first", "dilation_rate", java.util.List.of(1));
        Conv1D conv = Conv1D.fromConfig(new java.util.HashMap<>(config));
        assertEquals("channels_first", conv.getConfig().get("data_format"));
        assertArrayEquals(new long[]{2, 4, 16}, conv.applyAll(false, Nd4j.zeros(2, 3, 16))[0].shape());
    }
}
