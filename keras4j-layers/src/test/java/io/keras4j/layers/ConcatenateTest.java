package io.keras4j.layers;

import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConcatenateTest {
    @Test
    void harnessLastAxis() {
        LayerTestHarness.of(Concatenate::new, 4, 3).input(4, 5).expectedWeights(0).expectedOutputShape(4, 8).run();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, -2})
    void harnessMiddleAxisThreeInputs(int axis) {
        LayerTestHarness.of(() -> new Concatenate(axis), 2, 3, 4).input(2, 1, 4).input(2, 2, 4).expectedOutputShape(2, 6, 4).run();
    }

    @Test
    void valuesInInputOrder() {
        INDArray y = new Concatenate().applyAll(false, Nd4j.createFromArray(new double[][]{{1, 2}}),
                Nd4j.createFromArray(new double[][]{{3}}))[0];
        assertArrayEquals(new double[]{1, 2, 3}, y.reshape(3).toDoubleVector());
    }

    @Test
    void mismatchedShapesNameLayerAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Concatenate(1).name("cat_x").apply(Input.of(3, 4), Input.of(2, 5)));
        assertTrue(e.getMessage().contains("cat_x") && e.getMessage().contains("(None, 3, 4)") && e.getMessage().contains("(None, 2, 5)"),
                e.getMessage());
    }

    @Test
    void acceptsTheReferenceConfig() {
        Concatenate c = Concatenate.fromConfig(Map.of("name", "concat", "trainable", true, "axis", -1,
                "dtype", Map.of("module", "keras", "class_name", "DTypePolicy", "config", Map.of("name", "float32"))));
        assertEquals(-1, c.axis());
        assertArrayEquals(new long[]{-1, 40}, c.apply(Input.of(32), Input.of(8)).shape());
    }
}
