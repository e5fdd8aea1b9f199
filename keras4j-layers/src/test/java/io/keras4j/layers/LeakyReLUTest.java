package io.keras4j.layers;

import io.keras4j.engine.LayerProvider;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeakyReLUTest {
    @Test
    void harness() {
        LayerTestHarness.of(() -> new LeakyReLU(0.1), 4, 6).expectedWeights(0).withoutTrainingStep().run();
    }

    @Test
    void layerDefaultSlopeIsPointThree() {
        // keras/src/layers/activations/leaky_relu.py: negative_slope=0.3 (the function's default is 0.2)
        assertArrayEquals(new float[]{-0.6f, 0f, 2f}, ReLUTest.run(new LeakyReLU(), new float[]{-2, 0, 2}), 1e-7f);
        assertEquals(0.3, new LeakyReLU().getConfig().get("negative_slope"));
    }

    @Test
    void keras2AlphaKeyIsRead() {
        LeakyReLU layer = (LeakyReLU) LayerProvider.fromConfig("LeakyReLU", Map.of("name", "lr", "alpha", 0.5));
        assertArrayEquals(new float[]{-1f, 3f}, ReLUTest.run(layer, new float[]{-2, 3}), 0f);
    }

    @Test
    void negativeSlopeMustBeNonNegative() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LeakyReLU(-0.1));
        assertTrue(e.getMessage().contains("negative_slope"), e.getMessage());
    }
}
