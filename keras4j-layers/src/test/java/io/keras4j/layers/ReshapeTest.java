package io.keras4j.layers;

import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReshapeTest {
    @Test
    void harness() {
        LayerTestHarness.of(() -> new Reshape(3, 4), 2, 12).expectedWeights(0).expectedOutputShape(2, 3, 4).run();
    }

    @Test
    void infersTheUnknownDimension() {
        assertArrayEquals(new long[]{-1, 2, 6}, new Reshape(2, -1).computeOutputShape(new long[]{-1, 3, 4}));
    }

    @Test
    void rejectsASizeChange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Reshape(5).name("r").apply(Input.of(3, 4)));
        assertTrue(e.getMessage().contains("\"r\"") && e.getMessage().contains("(None, 3, 4)"), e.getMessage());
    }
}
