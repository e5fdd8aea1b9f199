package io.keras4j.ops;

import io.keras4j.backend.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The dtype rules of the ops: the result type of mixed operands (the wider float wins, as Keras) and casts. */
final class DTypes {
    private DTypes() {
    }

    static boolean isFloat(INDArray x) {
        return x.dataType().isFPType();
    }

    /** The float type an op computes {@code x} in: its own when float, else {@code floatx}. */
    static DataType floatOf(INDArray x) {
        return isFloat(x) ? x.dataType() : Backend.floatxType();
    }

    /**
     * The result type of two operands, as Keras's {@code result_type}: the wider float when either is float
     * (float64 over float32), the wider integer when both are integers.
     */
    static DataType result(INDArray x, INDArray y) {
        return result(x.dataType(), y.dataType());
    }

    /** As {@link #result(INDArray, INDArray)}, for types. */
    static DataType result(DataType a, DataType b) {
        if (a == b) {
            return a;
        }
        if (a.isFPType() && b.isFPType()) {
            return a.width() >= b.width() ? a : b;
        }
        if (a.isFPType() || b.isFPType()) {
            return a.isFPType() ? a : b;
        }
        if (a == DataType.BOOL || b == DataType.BOOL) {
            return a == DataType.BOOL ? b : a;
        }
        return a.width() >= b.width() ? a : b;
    }

    /** The float result type of two operands (integers promote to {@code floatx}), for true division and the like. */
    static DataType floatResult(INDArray x, INDArray y) {
        DataType t = result(x, y);
        return t.isFPType() ? t : Backend.floatxType();
    }

    /** {@code x} as {@code type}: itself when already of that type, else a cast copy. */
    static INDArray as(INDArray x, DataType type) {
        return x.dataType() == type ? x : x.castTo(type);
    }

    /** {@code x} in its float type ({@link #floatOf}). */
    static INDArray asFloat(INDArray x) {
        return as(x, floatOf(x));
    }

    /** A rank-0 array holding {@code value} in the float type of {@code like}, for the scalar overloads. */
    static INDArray scalar(INDArray like, double value) {
        return Nd4j.scalar(floatOf(like), value);
    }

    /** The ND4J type of a Keras dtype name, the error naming the op. */
    static DataType parse(String op, String dtype) {
        try {
            return Backend.parseDtype(dtype, "ops." + op + " dtype");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Requires a float array (the argument of an op defined on floats only). */
    static void requireFloat(String op, String argument, INDArray x) {
        if (!isFloat(x)) {
            throw new IllegalArgumentException("ops." + op + ": argument " + argument + " must be a float array, got "
                    + Backend.dtypeName(x.dataType()));
        }
    }
}
