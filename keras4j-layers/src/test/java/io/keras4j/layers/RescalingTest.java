package io.keras4j.layers;

import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Golden values from Keras 3.15.1: keras4j-layers/src/test/python/preprocessing_goldens.py. */
class RescalingTest {
    @Test
    void harness() {
        LayerTestHarness.of(() -> new Rescaling(0.5, -2), 3, 4, 2).expectedWeights(0).run();
    }

    @Test
    void mapsPixelsToMinusOneOneAsKeras() {
        INDArray y = new Rescaling(1.0 / 127.5, -1).applyAll(false, Nd4j.createFromArray(0f, 127.5f, 255f, 51f))[0];
        assertEquals(DataType.FLOAT, y.dataType());
        assertArrayEquals(new double[]{-1.0, 0.0, 1.0, -0.5999999642372131}, y.toDoubleVector(), 1e-7);
    }

    @Test
    void castsIntegerInputsToTheLayerDtype() {
        INDArray y = new Rescaling(1.0 / 255).applyAll(false, Nd4j.createFromArray(0, 51, 255))[0];
        assertEquals(DataType.FLOAT, y.dataType());
        assertArrayEquals(new double[]{0, 0.2, 1}, y.toDoubleVector(), 1e-7);
    }

    @Test
    void configMatchesKeras() {
        Map<String, Object> config = new Rescaling(1.0 / 127.5, -1).getConfig();
        assertEquals(0.00784313725490196, config.get("scale"));
        assertEquals(-1.0, config.get("offset"));
        assertEquals(0.5, Rescaling.fromConfig(Map.of("name", "r", "scale", 0.5)).getConfig().get("scale"));
        assertEquals(java.util.List.of(1.0, 2.0), Rescaling.fromConfig(Map.of("scale", java.util.List.of(1.0, 2.0))).getConfig().get("scale"));
        assertThrows(IllegalArgumentException.class, () -> Rescaling.fromConfig(Map.of("scale", java.util.List.of(1.0, 2.0), "offset", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> Rescaling.fromConfig(Map.of("scale", "two")));
    }

    @Test
    void listScaleMultipliesEachEntryOfTheLastAxis() {
        // Keras broadcasts a 1-D scale against the last axis: rows (1, 2, 3) and (4, 5, 6) times (10, 100, 1000)
        INDArray y = new Rescaling(new double[] {10, 100, 1000}).applyAll(false, Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}}))[0];
        assertArrayEquals(new double[]{10, 200, 3000, 40, 500, 6000}, y.reshape(6).toDoubleVector(), 1e-3);
        assertThrows(IllegalArgumentException.class,
                () -> new Rescaling(new double[] {1, 2}).applyAll(false, Nd4j.createFromArray(new float[][] {{1, 2, 3}})));
    }
}
