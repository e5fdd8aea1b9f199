package io.keras4j.layers;

import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class FlattenTest {
    @Test
    void harness() {
        LayerTestHarness.of(Flatten::new, 2, 3, 4).expectedWeights(0).expectedOutputShape(2, 12).run();
    }

    @Test
    void flattensInCOrderAsKeras() {
        float[] values = {1, 2, 3, 4, 5, 6, 7, 8};
        Flatten f = new Flatten();
        org.nd4j.linalg.api.ndarray.INDArray out = f.applyAll(false, Nd4j.create(values, new long[]{2, 2, 2}, 'c'))[0];
        assertArrayEquals(new long[]{2, 4}, out.shape());
        assertArrayEquals(values, out.reshape(8).toFloatVector(), 0f);
    }
}
