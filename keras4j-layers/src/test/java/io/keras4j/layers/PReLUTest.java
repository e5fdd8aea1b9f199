package io.keras4j.layers;

import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PReLUTest {
    @Test
    void harnessWithOneAlphaPerElement() {
        LayerTestHarness.of(PReLU::new, 4, 3, 5).expectedWeights(1).expectedParams(15).run();
    }

    @Test
    void harnessWithSharedAxes() {
        LayerTestHarness.of(() -> new PReLU().alphaInitializer("glorot_uniform").sharedAxes(1, 2), 2, 3, 4, 5)
                .expectedWeights(1).expectedParams(5).run();
    }

    @Test
    void forwardWithKnownAlpha() {
        PReLU layer = new PReLU().sharedAxes(1);
        layer.apply(Input.of(2, 3));
        assertArrayEquals(new long[]{1, 3}, layer.alpha().value().shape());
        assertEquals(0.0, layer.alpha().value().sumNumber().doubleValue(), 0.0, "alpha_initializer defaults to zeros");
        layer.alpha().assign(Nd4j.createFromArray(new float[][]{{0.1f, 0.2f, 0.3f}}));
        // f(x) = x for x >= 0, alpha * x for x < 0
        float[] y = layer.applyAll(false, Nd4j.createFromArray(new float[][][]{{{-1, -2, 3}, {4, -5, -6}}}))[0].reshape(6).toFloatVector();
        assertArrayEquals(new float[]{-0.1f, -0.4f, 3f, 4f, -1f, -1.8f}, y, 1e-6f);
    }

    @Test
    void badSharedAxesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PReLU().sharedAxes(0));
        PReLU layer = new PReLU().sharedAxes(3);
        assertThrows(IllegalArgumentException.class, () -> layer.apply(Input.of(2, 3)));
    }
}
