package io.keras4j.backend;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The switch in front of the host-memory fast paths: on by default on the CPU backend (unless
 * {@code -Dkeras4j.fastPaths=false}), off for empty arrays, and each path gives the same values either way.
 */
class FastPathsTest {
    @AfterEach
    void restore() {
        FastPaths.setEnabled(!"false".equals(System.getProperty("keras4j.fastPaths")));
    }

    @Test
    void followsThePropertyAndTheSwitch() {
        assertEquals(!"false".equals(System.getProperty("keras4j.fastPaths")), FastPaths.enabled());
        INDArray a = Nd4j.ones(DataType.FLOAT, 2, 2);
        FastPaths.setEnabled(true);
        assertTrue(FastPaths.hostMemory(a, a));
        assertFalse(FastPaths.hostMemory(a, Nd4j.empty(DataType.FLOAT)));
        FastPaths.setEnabled(false);
        assertFalse(FastPaths.enabled());
        assertFalse(FastPaths.hostMemory(a));
    }

    private static INDArray layout(String kind) {
        INDArray base = Nd4j.arange(0, 60).castTo(DataType.DOUBLE).reshape(3, 4, 5);
        switch (kind) {
            case "float": return base.castTo(DataType.FLOAT);
            case "int": return base.castTo(DataType.INT);
            case "bool": return base.gt(30);
            case "rows": return base.castTo(DataType.FLOAT).get(NDArrayIndex.point(1), NDArrayIndex.interval(1, 3), NDArrayIndex.all());
            case "columns": return base.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, 3));
            case "f": return base.dup('f');
            default: return base;
        }
    }

    @ParameterizedTest
    @CsvSource({"double", "float", "int", "bool", "rows", "columns", "f"})
    void doublesReadsTheSameValuesEitherWay(String kind) {
        INDArray a = layout(kind);
        double[] expected = new double[(int) a.length()];
        INDArray flat = a.castTo(DataType.DOUBLE).dup('c').reshape(new long[]{a.length()});
        for (int i = 0; i < expected.length; i++) {
            expected[i] = flat.getDouble(i);
        }
        FastPaths.setEnabled(true);
        assertArrayEquals(expected, FastPaths.doubles(a), kind + " fast");
        FastPaths.setEnabled(false);
        assertArrayEquals(expected, FastPaths.doubles(a), kind + " generic");
    }

    @ParameterizedTest
    @CsvSource({"FLOAT,false,false,0", "FLOAT,true,false,1", "FLOAT,false,true,1", "DOUBLE,true,true,0"})
    void gemmGivesTheSameProductEitherWay(DataType dtype, boolean ta, boolean tb, double beta) {
        INDArray a = Nd4j.rand(dtype, 7, 5);
        INDArray b = Nd4j.rand(dtype, tb ? 6 : 5, tb ? 5 : 6);
        INDArray x = ta ? a.transpose().dup('c') : a;
        INDArray start = Nd4j.rand(dtype, 7, 6);
        FastPaths.setEnabled(true);
        INDArray fast = Blas.matmul(x, ta, b, tb, start.dup(), beta);
        FastPaths.setEnabled(false);
        INDArray generic = Blas.matmul(x, ta, b, tb, start.dup(), beta);
        assertTrue(fast.equalsWithEps(generic, 1e-5), "fast " + fast + " generic " + generic);
    }
}
