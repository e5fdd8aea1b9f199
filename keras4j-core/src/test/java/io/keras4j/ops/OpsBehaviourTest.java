package io.keras4j.ops;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static io.keras4j.ops.Ops.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What the golden cases do not cover: dtype rules, the ops without gradient (comparisons, argmax, one_hot,
 * constructors), indexing forms and gradient conventions, each checked against values worked out by hand.
 */
class OpsBehaviourTest {
    private static INDArray d(double... v) {
        return Nd4j.createFromArray(v);
    }

    @Test
    void mixedFloatTypesPromoteToFloat64AndEachGradientKeepsItsInputsType() {
        INDArray x = Nd4j.createFromArray(1f, 2f);
        INDArray y = d(3, 4);
        List<INDArray> g;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x, y);
            INDArray out = multiply(x, y);
            assertEquals(DataType.DOUBLE, out.dataType());
            g = tape.gradient(sum(out), List.of(x, y));
        }
        assertEquals(DataType.FLOAT, g.get(0).dataType());
        assertArrayEquals(new float[]{3, 4}, g.get(0).toFloatVector());
        assertArrayEquals(new double[]{1, 2}, g.get(1).toDoubleVector());
    }

    @Test
    void integersStayIntegersExceptInTrueDivisionAndWithDoubleScalars() {
        INDArray i = Nd4j.createFromArray(7, 2);
        assertEquals(DataType.INT32, add(i, i).dataType());
        assertArrayEquals(new double[]{3.5, 1}, divide(i, Nd4j.createFromArray(2, 2)).toDoubleVector(), 0);
        assertEquals(DataType.FLOAT, divide(i, 2.0).dataType());
        assertEquals(DataType.FLOAT, add(i, 1.0).dataType());
        assertArrayEquals(new int[]{3, 1}, floorDivide(i, Nd4j.createFromArray(2, 2)).toIntVector());
        assertArrayEquals(new double[]{1, 2, -2}, mod(d(7, -7, 7), d(3, 3, -3)).toDoubleVector(), 0);
        assertEquals(DataType.FLOAT, mean(i).dataType());
        assertEquals(4.5, mean(i).getDouble(0), 0);
    }

    @Test
    void comparisonsAndLogicGiveBoolArrays() {
        INDArray x = d(1, 2, 3);
        assertEquals(DataType.BOOL, less(x, 2.0).dataType());
        assertArrayEquals(new boolean[]{true, false, false}, bools(less(x, 2.0)));
        assertArrayEquals(new boolean[]{true, true, false}, bools(lessEqual(x, 2.0)));
        assertArrayEquals(new boolean[]{false, true, true}, bools(greaterEqual(x, 2.0)));
        assertArrayEquals(new boolean[]{false, false, true}, bools(greater(x, 2.0)));
        assertArrayEquals(new boolean[]{false, true, false}, bools(equal(x, 2.0)));
        assertArrayEquals(new boolean[]{true, false, true}, bools(notEqual(x, d(2))));
        INDArray p = Nd4j.createFromArray(true, true, false);
        INDArray q = Nd4j.createFromArray(1, 0, 0);
        assertArrayEquals(new boolean[]{true, false, false}, bools(logicalAnd(p, q)));
        assertArrayEquals(new boolean[]{true, true, false}, bools(logicalOr(p, q)));
        assertArrayEquals(new boolean[]{false, true, true}, bools(logicalNot(q)));
    }

    private static boolean[] bools(INDArray b) {
        int[] v = b.castTo(DataType.INT32).toIntVector();
        boolean[] out = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] != 0;
        }
        return out;
    }

    @Test
    void allAnyAndFloatClassesGiveBoolArrays() {
        INDArray x = Nd4j.createFromArray(new double[][]{{1, 0}, {2, 3}});
        assertArrayEquals(new boolean[]{false}, bools(all(x).reshape(1)));
        assertArrayEquals(new boolean[]{false, true}, bools(all(x, 1)));
        assertArrayEquals(new boolean[]{true, true}, bools(any(x, 0)));
        assertArrayEquals(new long[]{1, 2}, any(x, 0, true).shape());
        assertEquals(3, sum(notEqual(x, 0.0)).getInt(0), "a bool sum counts the true entries");
        INDArray odd = d(1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertArrayEquals(new boolean[]{false, true, false, false}, bools(isnan(odd)));
        assertArrayEquals(new boolean[]{false, false, true, true}, bools(isinf(odd)));
        assertArrayEquals(new boolean[]{true, false, false, false}, bools(isfinite(odd)));
    }

    @Test
    void argmaxAndArgminFollowNumPy() {
        INDArray x = Nd4j.createFromArray(new double[][]{{1, 5, 2}, {7, 0, 3}});
        assertEquals(3, argmax(x).getInt(0));
        assertEquals(0, argmax(x).rank());
        assertArrayEquals(new int[]{1, 0, 1}, argmax(x, 0).toIntVector());
        assertArrayEquals(new long[]{2, 1}, argmin(x, -1, true).shape());
        assertArrayEquals(new int[]{0, 1}, argmin(x, 1).toIntVector());
    }

    @Test
    void oneHotAlongAnAxisAndConstructors() {
        INDArray hot = oneHot(Nd4j.createFromArray(2, 0), 3, 0, "int32");
        assertArrayEquals(new long[]{3, 2}, hot.shape());
        assertArrayEquals(new int[]{0, 1, 0, 0, 1, 0}, hot.reshape(6).toIntVector());
        assertArrayEquals(new double[]{0, 0.5, 1, 1.5}, arange(0.0, 2.0, 0.5).castTo(DataType.DOUBLE).toDoubleVector(), 0);
        assertEquals(DataType.INT32, arange(5).dataType());
        assertArrayEquals(new int[]{1, 4, 7}, arange(1, 10, 3).toIntVector());
        assertArrayEquals(new float[]{0, 1, 0, 0, 0, 1}, eye(2, 3, 1).reshape(6).toFloatVector());
        assertEquals(DataType.FLOAT, zeros(2, 3).dataType());
        assertEquals(DataType.DOUBLE, ones(new long[]{2}, "float64").dataType());
        assertArrayEquals(new float[]{7, 7}, full(new long[]{2}, 7).toFloatVector());
        assertEquals(DataType.FLOAT, convertToTensor(new double[]{1, 2}).dataType());
        assertEquals(DataType.INT32, convertToTensor(new int[][]{{1}, {2}}).dataType());
        assertEquals(DataType.DOUBLE, convertToTensor(3.0, "float64").dataType());
        assertArrayEquals(new float[]{0, 0.25f, 0.5f, 0.75f, 1}, linspace(0, 1, 5).toFloatVector());
        INDArray i = Nd4j.createFromArray(3, 4);
        assertEquals(DataType.INT32, zerosLike(i).dataType());
        assertArrayEquals(new int[]{1, 1}, onesLike(i).toIntVector());
        assertArrayEquals(new double[]{2.5, 2.5}, fullLike(d(0, 0), 2.5).toDoubleVector(), 0);
    }

    @Test
    void getItemHandlesEllipsisNewAxisIntegersAndSteps() {
        INDArray x = arange(0.0, 24.0, 1.0).reshape(2, 3, 4);
        assertArrayEquals(new long[]{2, 3}, getItem(x, "..., 1").shape());
        assertArrayEquals(new long[]{1, 2, 3, 2}, getItem(x, "None, :, :, 1::2").shape());
        assertArrayEquals(new float[]{13, 15}, getItem(x, "1, 0, 1::2").toFloatVector());
        assertArrayEquals(new float[]{8, 20}, getItem(x, ":, -1, 0").toFloatVector());
        assertArrayEquals(x.shape(), getItem(x, "...").shape());
    }

    @Test
    void maxSharesItsGradientAmongTiesAndIntegerIndicesGetNone() {
        INDArray x = d(1, 3, 3);
        INDArray idx = Nd4j.createFromArray(1, 1);
        try (GradientTape tape = new GradientTape(true)) {
            tape.watch(x, idx);
            assertArrayEquals(new double[]{0, 0.5, 0.5}, tape.gradient(max(x), x).toDoubleVector(), 0);
            INDArray picked = take(x, idx);
            assertArrayEquals(new double[]{0, 2, 0}, tape.gradient(sum(picked), x).toDoubleVector(), 0);
            assertNull(tape.gradient(sum(picked), idx));
        }
    }

    @Test
    void castBetweenFloatsIsDifferentiable() {
        INDArray x = d(1, 2);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            INDArray y = cast(x, "float32");
            assertEquals(DataType.FLOAT, y.dataType());
            INDArray g = tape.gradient(sum(multiply(y, 3.0)), x);
            assertEquals(DataType.DOUBLE, g.dataType());
            assertArrayEquals(new double[]{3, 3}, g.toDoubleVector(), 0);
        }
    }

    @Test
    void float32OpsComputeInFloat32() {
        INDArray x = Nd4j.createFromArray(new float[][]{{1, -2}, {3, 4}});
        for (INDArray out : List.of(relu(x), softmax(x), matmul(x, x), einsum("ij,jk->ik", x, x), mean(x, 0), getItem(x, ":, 0"),
                conv(reshape(x, 1, 2, 2, 1), ones(new long[]{1, 1, 1, 2}, "float32")))) {
            assertEquals(DataType.FLOAT, out.dataType());
        }
        assertArrayEquals(new float[]{-5, -10, 15, 10}, matmul(x, x).reshape(4).toFloatVector(), 0);
    }
}
