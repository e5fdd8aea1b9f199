package io.keras4j.utils;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UtilsTest {
    @Test
    void toCategoricalOneHotEncodesWithMaxPlusOneClasses() {
        INDArray y = Nd4j.createFromArray(new byte[]{2, 0, 1}).castTo(DataType.UBYTE);
        INDArray oneHot = Utils.toCategorical(y);
        assertEquals(DataType.FLOAT, oneHot.dataType());
        assertArrayEquals(new long[]{3, 3}, oneHot.shape());
        assertArrayEquals(new float[]{0, 0, 1, 1, 0, 0, 0, 1, 0}, oneHot.reshape(9).toFloatVector(), 0f);
    }

    @Test
    void toCategoricalDropsATrailingUnitAxis() {
        INDArray y = Nd4j.createFromArray(new int[][]{{1}, {3}});
        assertArrayEquals(new long[]{2, 5}, Utils.toCategorical(y, 5).shape());
    }

    @Test
    void toCategoricalRejectsLabelsOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Utils.toCategorical(Nd4j.createFromArray(0, 4), 3));
        assertTrue(e.getMessage().contains("[0, 3)") && e.getMessage().contains("4.0"), e.getMessage());
    }

    @Test
    void normalizeDividesByTheLpNormAndLeavesZeroRows() {
        INDArray x = Nd4j.createFromArray(new double[][]{{3, 4}, {0, 0}, {1, -1}});
        INDArray l2 = Utils.normalize(x, -1, 2);
        assertArrayEquals(new double[]{0.6, 0.8, 0, 0, Math.sqrt(0.5), -Math.sqrt(0.5)}, l2.reshape(6).toDoubleVector(), 1e-12);
        INDArray l1 = Utils.normalize(x, 1, 1);
        assertArrayEquals(new double[]{3 / 7.0, 4 / 7.0, 0, 0, 0.5, -0.5}, l1.reshape(6).toDoubleVector(), 1e-12);
        INDArray columns = Utils.normalize(x, 0, 2);
        assertEquals(1.0, columns.getColumn(0).norm2Number().doubleValue(), 1e-12);
    }
}
