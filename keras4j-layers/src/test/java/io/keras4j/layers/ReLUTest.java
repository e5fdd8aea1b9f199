package io.keras4j.layers;

import io.keras4j.engine.LayerProvider;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReLUTest {
    @ParameterizedTest
    @CsvSource({",0,0", "0.6,0,0", "0.5,0.2,0.1", ",0.3,0.25"})
    void harness(Double maxValue, double negativeSlope, double threshold) {
        LayerTestHarness.of(() -> new ReLU(maxValue, negativeSlope, threshold), 4, 3, 5)
                .expectedWeights(0).expectedOutputShape(4, 3, 5).withoutTrainingStep().run();
    }

    @Test
    void forwardMatchesKerasDocExamples() {
        // keras/src/activations/activations.py relu docstring: x = [-10, -5, 0, 5, 10]
        float[] x = {-10, -5, 0, 5, 10};
        assertArrayEquals(new float[]{0, 0, 0, 5, 10}, run(new ReLU(), x), 0f);
        assertArrayEquals(new float[]{-5, -2.5f, 0, 5, 10}, run(new ReLU().negativeSlope(0.5), x), 0f);
        assertArrayEquals(new float[]{0, 0, 0, 5, 5}, run(new ReLU().maxValue(5.0), x), 0f);
        assertArrayEquals(new float[]{0, 0, 0, 0, 10}, run(new ReLU().threshold(5), x), 0f);
    }

    static float[] run(io.keras4j.engine.Layer layer, float[] x) {
        return layer.applyAll(false, Nd4j.createFromArray(new float[][]{x}))[0].toFloatVector();
    }

    @Test
    void configUsesKerasKeys() {
        Map<String, Object> config = new ReLU(6.0, 0.1, 0.5).name("r").getConfig();
        assertEquals(6.0, config.get("max_value"));
        assertEquals(0.1, config.get("negative_slope"));
        assertEquals(0.5, config.get("threshold"));
        ReLU copy = (ReLU) LayerProvider.fromConfig("ReLU", Map.of("name", "r2", "max_value", 6, "negative_slope", 0.0, "threshold", 0.0));
        assertArrayEquals(new float[]{0, 6}, run(copy, new float[]{-1, 7}), 0f);
    }

    @Test
    void negativeArgumentsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReLU().maxValue(-1.0));
        assertTrue(e.getMessage().contains("max_value"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReLU().negativeSlope(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new ReLU().threshold(-0.1));
    }
}
