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

/** The pooling and global pooling layers through the layer harness (float64 gradient checks). */
class PoolingTest {
    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("max2d", (Supplier<Layer>) MaxPooling2D::new, new long[]{2, 4, 5, 2}, new long[]{2, 2, 2, 2}),
                Arguments.of("max2d same stride", (Supplier<Layer>) () -> new MaxPooling2D(3).strides(2).padding("same"), new long[]{2, 5, 4, 2}, new long[]{2, 3, 2, 2}),
                Arguments.of("avg2d same channels_first", (Supplier<Layer>) () -> new AveragePooling2D(2).strides(1).padding("same").dataFormat("channels_first"),
                        new long[]{2, 2, 3, 3}, new long[]{2, 2, 3, 3}),
                Arguments.of("max1d", (Supplier<Layer>) () -> new MaxPooling1D(2).padding("same"), new long[]{2, 5, 3}, new long[]{2, 3, 3}),
                Arguments.of("avg1d channels_first", (Supplier<Layer>) () -> new AveragePooling1D(2).dataFormat("channels_first"), new long[]{2, 3, 5}, new long[]{2, 3, 2}),
                Arguments.of("max3d", (Supplier<Layer>) MaxPooling3D::new, new long[]{2, 2, 4, 3, 2}, new long[]{2, 1, 2, 1, 2}),
                Arguments.of("avg3d same", (Supplier<Layer>) () -> new AveragePooling3D(2).padding("same"), new long[]{2, 3, 2, 3, 1}, new long[]{2, 2, 1, 2, 1}),
                Arguments.of("global max 1d", (Supplier<Layer>) GlobalMaxPooling1D::new, new long[]{2, 4, 3}, new long[]{2, 3}),
                Arguments.of("global avg 1d keepdims", (Supplier<Layer>) () -> new GlobalAveragePooling1D().keepdims(true), new long[]{2, 4, 3}, new long[]{2, 1, 3}),
                Arguments.of("global max 2d channels_first", (Supplier<Layer>) () -> new GlobalMaxPooling2D().dataFormat("channels_first"), new long[]{2, 3, 2, 2}, new long[]{2, 3}),
                Arguments.of("global avg 2d", (Supplier<Layer>) GlobalAveragePooling2D::new, new long[]{2, 3, 2, 2}, new long[]{2, 2}),
                Arguments.of("global max 3d keepdims", (Supplier<Layer>) () -> new GlobalMaxPooling3D().keepdims(true), new long[]{2, 2, 2, 2, 3}, new long[]{2, 1, 1, 1, 3}),
                Arguments.of("global avg 3d channels_first", (Supplier<Layer>) () -> new GlobalAveragePooling3D().dataFormat("channels_first"), new long[]{2, 3, 2, 1, 2}, new long[]{2, 3}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void harness(String label, Supplier<Layer> factory, long[] input, long[] output) {
        LayerTestHarness.of(factory, input).expectedWeights(0).expectedOutputShape(output).withoutTrainingStep().run();
    }

    @Test
    void averagePoolingWithSamePaddingExcludesPaddedCells() {
        // 1x3 input [1, 2, 3], pool 2, stride 2, "same": windows [1, 2] and [3, pad] -> [1.5, 3] (not 1.5)
        INDArray y = new AveragePooling1D(2).padding("same").applyAll(false, Nd4j.createFromArray(1f, 2f, 3f).reshape(1, 3, 1))[0];
        assertArrayEquals(new float[]{1.5f, 3f}, y.reshape(2).toFloatVector(), 0f);
    }

    @Test
    void globalMaxSharesTheGradientAmongTies() {
        GlobalMaxPooling1D pool = new GlobalMaxPooling1D();
        io.keras4j.engine.CallContext ctx = new io.keras4j.engine.CallContext();
        ctx.begin(true, new boolean[]{true});
        pool.ensureBuilt(java.util.List.of(new long[]{-1, 3, 1}));
        pool.call(new INDArray[]{Nd4j.createFromArray(2f, 5f, 5f).reshape(1, 3, 1)}, ctx);
        INDArray dx = pool.backward(new INDArray[]{Nd4j.createFromArray(1f).reshape(1, 1)}, ctx)[0];
        assertArrayEquals(new float[]{0f, 0.5f, 0.5f}, dx.reshape(3).toFloatVector(), 0f);
    }

    @Test
    void averagePoolingNeedsAPoolSizeAndValidPadding() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AveragePooling2D(2).padding("causal")).getMessage().contains("padding"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MaxPooling2D(0)).getMessage().contains("pool_size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GlobalMaxPooling2D().dataFormat("nchw")).getMessage().contains("data_format"));
    }
}
