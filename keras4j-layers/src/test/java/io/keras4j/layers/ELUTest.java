package io.keras4j.layers;

import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class ELUTest {
    @ParameterizedTest
    @ValueSource(doubles = {1.0, 0.5})
    void harness(double alpha) {
        LayerTestHarness.of(() -> new ELU(alpha), 4, 6).expectedWeights(0).withoutTrainingStep().run();
    }

    @Test
    void forwardMatchesFormula() {
        // alpha * (exp(x) - 1) for x < 0: 0.5 * (exp(-1) - 1) = -0.31606027941
        assertArrayEquals(new float[]{-0.31606028f, 0f, 2f}, ReLUTest.run(new ELU(0.5), new float[]{-1, 0, 2}), 1e-7f);
        assertArrayEquals(new float[]{-0.63212056f, 3f}, ReLUTest.run(new ELU(), new float[]{-1, 3}), 1e-7f);
    }
}
