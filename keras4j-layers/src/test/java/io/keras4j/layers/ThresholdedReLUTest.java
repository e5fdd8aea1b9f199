package io.keras4j.layers;

import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdedReLUTest {
    @Test
    void harness() {
        LayerTestHarness.of(() -> new ThresholdedReLU(0.3), 4, 6).expectedWeights(0).withoutTrainingStep().run();
    }

    @Test
    void forwardKeepsOnlyValuesAboveTheta() {
        // Keras 2: x * cast(x > theta): theta itself maps to 0
        assertArrayEquals(new float[]{0f, 0f, 0f, 1.5f}, ReLUTest.run(new ThresholdedReLU(0.7), new float[]{-2, 0.5f, 0.7f, 1.5f}), 0f);
        assertArrayEquals(new float[]{0f, 0f, 1.25f}, ReLUTest.run(new ThresholdedReLU(), new float[]{-1, 1, 1.25f}), 0f);
    }

    @Test
    void negativeThetaIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ThresholdedReLU(-0.1));
        assertTrue(e.getMessage().contains("theta") && e.getMessage().contains("-0.1"), e.getMessage());
    }
}
