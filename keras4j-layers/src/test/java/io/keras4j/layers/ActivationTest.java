package io.keras4j.layers;

import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationTest {
    @ParameterizedTest
    @ValueSource(strings = {"relu", "sigmoid", "tanh", "softmax", "linear"})
    void harness(String name) {
        LayerTestHarness.of(() -> new Activation(name), 3, 4).expectedWeights(0).expectedOutputShape(3, 4).run();
    }

    @Test
    void valuesMatchTheFormulas() {
        double[] x = {-2, -0.5, 0.5, 2};
        double[] relu = new Activation("relu").applyAll(false, Nd4j.createFromArray(new double[][]{x}))[0].toDoubleVector();
        assertArrayEquals(new double[]{0, 0, 0.5, 2}, relu, 1e-12);
        double[] sigmoid = new Activation("sigmoid").applyAll(false, Nd4j.createFromArray(new double[][]{x}))[0].toDoubleVector();
        for (int i = 0; i < x.length; i++) {
            assertTrue(Math.abs(sigmoid[i] - 1 / (1 + Math.exp(-x[i]))) < 1e-12);
        }
        double[] softmax = new Activation("softmax").applyAll(false, Nd4j.createFromArray(new double[][]{x}))[0].toDoubleVector();
        double z = 0;
        for (double v : x) {
            z += Math.exp(v);
        }
        for (int i = 0; i < x.length; i++) {
            assertTrue(Math.abs(softmax[i] - Math.exp(x[i]) / z) < 1e-12);
        }
    }

    @Test
    void unknownIdentifierListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Activation("relux"));
        assertTrue(e.getMessage().contains("relux") && e.getMessage().contains("relu") && e.getMessage().contains("softmax"), e.getMessage());
    }
}
