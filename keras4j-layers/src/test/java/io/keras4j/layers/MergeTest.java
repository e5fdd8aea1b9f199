package io.keras4j.layers;

import io.keras4j.engine.Layer;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The element-wise merge layers: Add, Subtract, Multiply, Average, Maximum, Minimum. */
class MergeTest {
    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("Add", (Supplier<Layer>) Add::new, new double[]{11, 22, -27}),
                Arguments.of("Multiply", (Supplier<Layer>) Multiply::new, new double[]{10, 40, -90}),
                Arguments.of("Average", (Supplier<Layer>) Average::new, new double[]{5.5, 11, -13.5}),
                Arguments.of("Maximum", (Supplier<Layer>) Maximum::new, new double[]{10, 20, 3}),
                Arguments.of("Minimum", (Supplier<Layer>) Minimum::new, new double[]{1, 2, -30}));
    }

    private static final INDArray A = Nd4j.createFromArray(new double[][]{{1, 2, 3}});
    private static final INDArray B = Nd4j.createFromArray(new double[][]{{10, 20, -30}});

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void harnessTwoInputs(String name, Supplier<Layer> factory, double[] expected) {
        LayerTestHarness.of(factory, 4, 3, 2).input(4, 3, 2).expectedWeights(0).expectedOutputShape(4, 3, 2).run();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void harnessThreeInputsWithBroadcasting(String name, Supplier<Layer> factory, double[] expected) {
        LayerTestHarness.of(factory, 4, 3, 2).input(4, 1, 2).input(4, 2).expectedOutputShape(4, 3, 2).run();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void forwardMatchesHandComputation(String name, Supplier<Layer> factory, double[] expected) {
        INDArray y = factory.get().applyAll(false, A, B)[0];
        assertArrayEquals(expected, y.reshape(3).toDoubleVector(), 1e-12);
    }

    @Test
    void subtractHarnessAndValues() {
        LayerTestHarness.of(Subtract::new, 4, 3).input(4, 3).expectedOutputShape(4, 3).run();
        assertArrayEquals(new double[]{-9, -18, 33}, new Subtract().applyAll(false, A, B)[0].reshape(3).toDoubleVector());
    }

    @Test
    void subtractNeedsExactlyTwoInputs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Subtract().name("sub_x").apply(Input.of(3), Input.of(3), Input.of(3)));
        assertTrue(e.getMessage().contains("sub_x") && e.getMessage().contains("exactly 2"), e.getMessage());
    }

    @Test
    void maximumGradientGoesToTheFirstOfTiedInputs() {
        Maximum max = new Maximum();
        io.keras4j.engine.CallContext ctx = new io.keras4j.engine.CallContext();
        ctx.begin(true, new boolean[]{true, true});
        INDArray a = Nd4j.createFromArray(new double[][]{{1, 5}});
        INDArray b = Nd4j.createFromArray(new double[][]{{1, 7}});
        max.applyAll(false, a, b);
        max.call(new INDArray[]{a, b}, ctx);
        INDArray[] g = max.backward(new INDArray[]{Nd4j.createFromArray(new double[][]{{2, 3}})}, ctx);
        assertArrayEquals(new double[]{2, 0}, g[0].reshape(2).toDoubleVector());
        assertArrayEquals(new double[]{0, 3}, g[1].reshape(2).toDoubleVector());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Add", "Multiply", "Average", "Maximum", "Minimum", "Subtract"})
    void incompatibleShapesNameLayerAndShapes(String className) {
        Layer layer = io.keras4j.engine.LayerProvider.fromConfig(className, java.util.Map.of("name", "merge_x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.apply(Input.of(3), Input.of(4)));
        assertTrue(e.getMessage().contains("merge_x") && e.getMessage().contains("(None, 3)") && e.getMessage().contains("(None, 4)"),
                e.getMessage());
    }
}
