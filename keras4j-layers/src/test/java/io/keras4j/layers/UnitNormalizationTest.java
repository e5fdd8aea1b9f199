package io.keras4j.layers;

import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class UnitNormalizationTest {
    @ParameterizedTest
    @ValueSource(ints = {-1, 1})
    void harness(int axis) {
        LayerTestHarness.of(() -> new UnitNormalization(axis), 3, 4, 5).expectedWeights(0).withoutTrainingStep().run();
    }

    @Test
    void valuesByHandIncludingAZeroVector() {
        INDArray y = new UnitNormalization().applyAll(false, Nd4j.createFromArray(new double[][]{{3, 4}, {0, 0}}))[0];
        assertArrayEquals(new double[]{0.6, 0.8, 0, 0}, y.reshape(4).toDoubleVector(), 1e-12);
    }
}
