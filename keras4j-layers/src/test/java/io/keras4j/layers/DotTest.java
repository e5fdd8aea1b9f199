package io.keras4j.layers;

import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DotTest {
    @Test
    void harnessVectors() {
        LayerTestHarness.of(() -> new Dot(1), 4, 5).input(4, 5).expectedOutputShape(4, 1).run();
    }

    @Test
    void harnessNormalizedVectors() {
        LayerTestHarness.of(() -> new Dot(-1).normalize(true), 4, 5).input(4, 5).expectedOutputShape(4, 1).run();
    }

    @Test
    void harnessSequencesWithAxisPair() {
        // (2, 3, 4) . (2, 5, 3) over axes (1, 2) -> (2, 4, 5)
        LayerTestHarness.of(() -> new Dot(1, 2), 2, 3, 4).input(2, 5, 3).expectedOutputShape(2, 4, 5).run();
    }

    @Test
    void harnessMatrixVector() {
        LayerTestHarness.of(() -> new Dot(2, 1), 2, 3, 4).input(2, 4).expectedOutputShape(2, 3).run();
    }

    @Test
    void valuesByHand() {
        INDArray a = Nd4j.createFromArray(new double[][]{{1, 2, 3}, {1, 0, 0}});
        INDArray b = Nd4j.createFromArray(new double[][]{{4, 5, 6}, {0, 2, 0}});
        assertArrayEquals(new double[]{32, 0}, new Dot(1).applyAll(false, a, b)[0].reshape(2).toDoubleVector(), 1e-12);
        double cos = 32 / Math.sqrt(14) / Math.sqrt(77);
        assertArrayEquals(new double[]{cos, 0}, new Dot(1).normalize(true).applyAll(false, a, b)[0].reshape(2).toDoubleVector(), 1e-12);
        // batch_dot of (1, 2, 2) matrices over axes (2, 1) is the matrix product
        INDArray m = Nd4j.createFromArray(new double[][][]{{{1, 2}, {3, 4}}});
        INDArray n = Nd4j.createFromArray(new double[][][]{{{5, 6}, {7, 8}}});
        assertArrayEquals(new double[]{19, 22, 43, 50}, new Dot(2, 1).applyAll(false, m, n)[0].reshape(4).toDoubleVector(), 1e-12);
    }

    @Test
    void mismatchedAxisSizesNameLayerAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dot(1).name("dot_x").apply(Input.of(3), Input.of(4)));
        assertTrue(e.getMessage().contains("dot_x") && e.getMessage().contains("(None, 3)") && e.getMessage().contains("(None, 4)"),
                e.getMessage());
    }

    @Test
    void configKeepsIntOrPairAxes() {
        assertEquals(1, Dot.fromConfig(Map.of("axes", 1)).getConfig().get("axes"));
        assertEquals(List.of(1, 2), Dot.fromConfig(Map.of("axes", List.of(1, 2), "normalize", true)).getConfig().get("axes"));
    }
}
