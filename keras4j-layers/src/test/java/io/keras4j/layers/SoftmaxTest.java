package io.keras4j.layers;

import io.keras4j.engine.LayerProvider;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SoftmaxTest {
    @ParameterizedTest
    @ValueSource(ints = {-1, 1, 2})
    void harness(int axis) {
        LayerTestHarness.of(() -> new Softmax(axis), 3, 4, 5).expectedWeights(0).withoutTrainingStep().run();
    }

    @Test
    void normalizesAlongTheAxis() {
        // softmax([1, 2, 3]) = exp([1, 2, 3]) / (e + e^2 + e^3)
        float[] y = ReLUTest.run(new Softmax(), new float[]{1, 2, 3});
        assertArrayEquals(new float[]{0.09003057f, 0.24472847f, 0.66524096f}, y, 1e-7f);
        float[] columns = new Softmax(0).applyAll(false, Nd4j.createFromArray(new float[][]{{0, 1}, {0, 3}}))[0].reshape(4).toFloatVector();
        assertArrayEquals(new float[]{0.5f, 0.11920292f, 0.5f, 0.88079708f}, columns, 1e-7f);
    }

    @Test
    void singleElementAxisListIsAccepted() {
        Softmax layer = (Softmax) LayerProvider.fromConfig("Softmax", Map.of("name", "s", "axis", List.of(-1)));
        assertArrayEquals(new float[]{0.5f, 0.5f}, ReLUTest.run(layer, new float[]{2, 2}), 0f);
        assertThrows(IllegalArgumentException.class, () -> LayerProvider.fromConfig("Softmax", Map.of("axis", List.of(1, 2))));
    }
}
