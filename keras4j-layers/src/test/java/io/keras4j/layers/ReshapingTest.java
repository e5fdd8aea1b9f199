package io.keras4j.layers;

import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Permute, RepeatVector, ZeroPadding1D/2D/3D, Cropping1D/2D/3D, UpSampling1D/2D/3D. */
class ReshapingTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("Permute", (Supplier<Layer>) () -> new Permute(2, 1), new long[]{2, 3, 4}, new long[]{2, 4, 3}),
                Arguments.of("Permute 3", (Supplier<Layer>) () -> new Permute(3, 1, 2), new long[]{2, 3, 4, 5}, new long[]{2, 5, 3, 4}),
                Arguments.of("RepeatVector", (Supplier<Layer>) () -> new RepeatVector(3), new long[]{2, 4}, new long[]{2, 3, 4}),
                Arguments.of("ZeroPadding1D", (Supplier<Layer>) () -> new ZeroPadding1D(List.of(1, 2)), new long[]{2, 3, 4}, new long[]{2, 6, 4}),
                Arguments.of("ZeroPadding2D", (Supplier<Layer>) () -> new ZeroPadding2D(List.of(List.of(1, 0), List.of(0, 2))),
                        new long[]{2, 3, 3, 2}, new long[]{2, 4, 5, 2}),
                Arguments.of("ZeroPadding2D channels_first", (Supplier<Layer>) () -> new ZeroPadding2D(1).dataFormat("channels_first"),
                        new long[]{2, 2, 3, 3}, new long[]{2, 2, 5, 5}),
                Arguments.of("ZeroPadding3D", (Supplier<Layer>) ZeroPadding3D::new, new long[]{1, 2, 2, 2, 1}, new long[]{1, 4, 4, 4, 1}),
                Arguments.of("Cropping1D", (Supplier<Layer>) Cropping1D::new, new long[]{2, 5, 3}, new long[]{2, 3, 3}),
                Arguments.of("Cropping2D", (Supplier<Layer>) () -> new Cropping2D(List.of(1, List.of(0, 2))), new long[]{2, 4, 5, 2},
                        new long[]{2, 2, 3, 2}),
                Arguments.of("Cropping3D channels_first", (Supplier<Layer>) () -> new Cropping3D(1).dataFormat("channels_first"),
                        new long[]{1, 2, 3, 4, 5}, new long[]{1, 2, 1, 2, 3}),
                Arguments.of("UpSampling1D", (Supplier<Layer>) () -> new UpSampling1D(3), new long[]{2, 3, 2}, new long[]{2, 9, 2}),
                Arguments.of("UpSampling2D", (Supplier<Layer>) () -> new UpSampling2D(2, 3), new long[]{2, 2, 3, 2}, new long[]{2, 4, 9, 2}),
                Arguments.of("UpSampling2D channels_first", (Supplier<Layer>) () -> new UpSampling2D().dataFormat("channels_first"),
                        new long[]{2, 3, 2, 2}, new long[]{2, 3, 4, 4}),
                Arguments.of("UpSampling3D", (Supplier<Layer>) () -> new UpSampling3D(1, 2, 3), new long[]{1, 2, 2, 2, 2},
                        new long[]{1, 2, 4, 6, 2}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void harness(String name, Supplier<Layer> factory, long[] input, long[] output) {
        LayerTestHarness.of(factory, input).expectedWeights(0).expectedOutputShape(output).withoutTrainingStep().run();
    }

    @Test
    void permuteAndRepeatValues() {
        INDArray x = Nd4j.createFromArray(new double[][][]{{{1, 2, 3}, {4, 5, 6}}});
        assertArrayEquals(new double[]{1, 4, 2, 5, 3, 6}, new Permute(2, 1).applyAll(false, x)[0].reshape(6).toDoubleVector());
        INDArray v = Nd4j.createFromArray(new double[][]{{1, 2}});
        assertArrayEquals(new double[]{1, 2, 1, 2, 1, 2}, new RepeatVector(3).applyAll(false, v)[0].reshape(6).toDoubleVector());
    }

    @Test
    void paddingCroppingAndUpsamplingValues() {
        INDArray x = Nd4j.createFromArray(new double[][][]{{{1}, {2}, {3}}});
        assertArrayEquals(new double[]{0, 1, 2, 3, 0, 0}, new ZeroPadding1D(List.of(1, 2)).applyAll(false, x)[0].reshape(6).toDoubleVector());
        assertArrayEquals(new double[]{2}, new Cropping1D().applyAll(false, x)[0].reshape(1).toDoubleVector());
        assertArrayEquals(new double[]{1, 1, 2, 2, 3, 3}, new UpSampling1D().applyAll(false, x)[0].reshape(6).toDoubleVector());
        INDArray img = Nd4j.createFromArray(new double[][]{{1, 2}, {3, 4}}).reshape(1, 2, 2, 1);
        assertArrayEquals(new double[]{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4},
                new UpSampling2D().applyAll(false, img)[0].reshape(16).toDoubleVector());
        assertArrayEquals(new double[]{0, 0, 0, 0, 1, 2, 0, 3, 4},
                new ZeroPadding2D(List.of(List.of(1, 0), List.of(1, 0))).applyAll(false, img)[0].reshape(9).toDoubleVector());
    }

    @Test
    void configsAsKerasWritesThem() {
        assertEquals(List.of(List.of(1L, 1L), List.of(2L, 2L)), new ZeroPadding2D(List.of(1, 2)).getConfig().get("padding"));
        assertEquals(List.of(1L, 1L), new Cropping1D().getConfig().get("cropping"));
        assertEquals(2L, new UpSampling1D().getConfig().get("size"));
        Layer up = LayerProvider.fromConfig("UpSampling2D", Map.of("name", "up", "size", List.of(2, 2), "data_format", "channels_last",
                "interpolation", "nearest"));
        assertArrayEquals(new long[]{-1, 8, 8, 3}, up.apply(Input.of(4, 4, 3)).shape());
        Layer permute = LayerProvider.fromConfig("Permute", Map.of("name", "p", "dims", List.of(2, 1)));
        assertArrayEquals(new long[]{-1, 4, 3}, permute.apply(Input.of(3, 4)).shape());
    }

    @Test
    void badArgumentsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Permute(1, 1));
        assertTrue(e.getMessage().contains("dims"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Cropping1D(List.of(3, 3)).name("crop_x").apply(Input.of(5, 2)));
        assertTrue(e.getMessage().contains("crop_x") && e.getMessage().contains("(None, 5, 2)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new UpSampling2D().interpolation("bicubic"));
        assertTrue(e.getMessage().contains("bicubic") && e.getMessage().contains("bilinear"), e.getMessage());
    }
}
