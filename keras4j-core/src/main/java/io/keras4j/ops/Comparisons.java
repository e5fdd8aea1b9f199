package io.keras4j.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.BinaryOperator;

/**
 * Element-wise comparisons and logical operations with NumPy broadcasting, as keras/src/ops/numpy.py ({@code equal},
 * {@code less}, {@code logical_and}, {@code all}, {@code isnan}, ...). Results are bool arrays and carry no gradient.
 */
final class Comparisons {
    private Comparisons() {
    }

    private static INDArray compare(String op, INDArray x, INDArray y, BinaryOperator<INDArray> forward) {
        long[] shape = Broadcasting.shape(op, x.shape(), y.shape());
        DataType type = DTypes.result(x, y);
        return forward.apply(Broadcasting.to(DTypes.as(x, type), shape), Broadcasting.to(DTypes.as(y, type), shape));
    }

    static INDArray equal(INDArray x, INDArray y) {
        return compare("equal", x, y, INDArray::eq);
    }

    static INDArray notEqual(INDArray x, INDArray y) {
        return compare("not_equal", x, y, INDArray::neq);
    }

    static INDArray less(INDArray x, INDArray y) {
        return compare("less", x, y, INDArray::lt);
    }

    static INDArray lessEqual(INDArray x, INDArray y) {
        return compare("less_equal", x, y, (a, b) -> either(a.lt(b), a.eq(b)));
    }

    static INDArray greater(INDArray x, INDArray y) {
        return compare("greater", x, y, INDArray::gt);
    }

    static INDArray greaterEqual(INDArray x, INDArray y) {
        return compare("greater_equal", x, y, (a, b) -> either(a.gt(b), a.eq(b)));
    }

    private static INDArray either(INDArray p, INDArray q) {
        return p.castTo(DataType.INT8).addi(q.castTo(DataType.INT8)).neq(0);
    }

    /** Truth as NumPy: non-zero is true. */
    private static INDArray truth(INDArray x) {
        return x.dataType() == DataType.BOOL ? x : x.neq(0);
    }

    static INDArray logicalAnd(INDArray x, INDArray y) {
        long[] shape = Broadcasting.shape("logical_and", x.shape(), y.shape());
        INDArray a = Broadcasting.to(truth(x).castTo(DataType.INT8), shape);
        INDArray b = Broadcasting.to(truth(y).castTo(DataType.INT8), shape);
        return a.mul(b).neq(0);
    }

    static INDArray logicalOr(INDArray x, INDArray y) {
        long[] shape = Broadcasting.shape("logical_or", x.shape(), y.shape());
        INDArray a = Broadcasting.to(truth(x).castTo(DataType.INT8), shape);
        INDArray b = Broadcasting.to(truth(y).castTo(DataType.INT8), shape);
        return a.add(b).neq(0);
    }

    static INDArray logicalNot(INDArray x) {
        return truth(x).castTo(DataType.INT8).eq(0);
    }

    /** Whether every element is true (non-zero) along {@code axis} (null: all axes), as {@code keras.ops.all}. */
    static INDArray all(INDArray x, int[] axis, boolean keepdims) {
        return Reductions.min(truth(x).castTo(DataType.INT8), axis, keepdims).neq(0);
    }

    /** Whether any element is true (non-zero) along {@code axis}, as {@code keras.ops.any}. */
    static INDArray any(INDArray x, int[] axis, boolean keepdims) {
        return Reductions.max(truth(x).castTo(DataType.INT8), axis, keepdims).neq(0);
    }

    static INDArray isnan(INDArray x) {
        return DTypes.isFloat(x) ? x.neq(x) : Nd4j.zeros(DataType.BOOL, x.shape());
    }

    static INDArray isinf(INDArray x) {
        if (!DTypes.isFloat(x)) {
            return Nd4j.zeros(DataType.BOOL, x.shape());
        }
        return either(x.eq(Double.POSITIVE_INFINITY), x.eq(Double.NEGATIVE_INFINITY));
    }

    static INDArray isfinite(INDArray x) {
        return logicalNot(logicalOr(isnan(x), isinf(x)));
    }
}
