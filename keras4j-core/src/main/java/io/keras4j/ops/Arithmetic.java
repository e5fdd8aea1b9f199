package io.keras4j.ops;

import io.keras4j.backend.Tape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.function.BinaryOperator;

/**
 * Element-wise arithmetic of two arrays with NumPy broadcasting, as keras/src/ops/numpy.py ({@code add},
 * {@code multiply}, {@code power}, ...). Each op is its forward function on the broadcast operands and, beside it, the
 * gradient with respect to each operand; the backward pass sums a gradient over the axes broadcasting stretched.
 */
final class Arithmetic {
    private Arithmetic() {
    }

    /** The gradient with respect to one operand, from the incoming gradient, the broadcast operands and the output. */
    @FunctionalInterface
    interface Partial {
        INDArray apply(INDArray g, INDArray x, INDArray y, INDArray out);
    }

    /**
     * Broadcasts {@code x} and {@code y} to a common shape and type ({@code type}), applies {@code forward} and records
     * {@code dx} and {@code dy} (null: not differentiable with respect to that operand).
     */
    static INDArray binary(String op, INDArray x, INDArray y, DataType type, BinaryOperator<INDArray> forward,
                           Partial dx, Partial dy) {
        long[] shape = Broadcasting.shape(op, x.shape(), y.shape());
        INDArray bx = Broadcasting.to(DTypes.as(x, type), shape);
        INDArray by = Broadcasting.to(DTypes.as(y, type), shape);
        INDArray computed = forward.apply(bx, by);
        INDArray out = computed == x || computed == y ? computed.dup() : computed;
        if (type.isFPType()) {
            Tape.record(out, (g, needs) -> new INDArray[]{
                    needs[0] && dx != null && DTypes.isFloat(x) ? Broadcasting.unbroadcast(dx.apply(g, bx, by, out), x) : null,
                    needs[1] && dy != null && DTypes.isFloat(y) ? Broadcasting.unbroadcast(dy.apply(g, bx, by, out), y) : null},
                    x, y);
        }
        return out;
    }

    static INDArray add(INDArray x, INDArray y) {
        if (isBias(x, y)) {
            return addBias(x, y);
        }
        if (isBias(y, x)) {
            return addBias(y, x);
        }
        return binary("add", x, y, DTypes.result(x, y), INDArray::add, (g, a, b, o) -> g, (g, a, b, o) -> g);
    }

    /** Whether {@code b} is a vector along the last axis of the matrix {@code x} of its float type (a layer's bias). */
    private static boolean isBias(INDArray x, INDArray b) {
        return x.rank() == 2 && b.rank() == 1 && x.dataType().isFPType() && b.dataType() == x.dataType()
                && b.length() == x.size(1) && x.size(0) > 1;
    }

    /**
     * {@code x + b} for a bias vector {@code b}: one native broadcast op instead of materialising {@code b} as a matrix;
     * the bias gradient is the column sum. (The common case of {@code matmul(x, w) + b} in a user's layer.)
     */
    private static INDArray addBias(INDArray x, INDArray b) {
        INDArray out = x.addRowVector(b.reshape(1, b.length()));
        Tape.record(out, (g, needs) -> new INDArray[]{
                needs[0] ? g : null,
                needs[1] ? g.sum(0).reshape(b.shape()) : null}, x, b);
        return out;
    }

    static INDArray subtract(INDArray x, INDArray y) {
        return binary("subtract", x, y, DTypes.result(x, y), INDArray::sub, (g, a, b, o) -> g, (g, a, b, o) -> g.neg());
    }

    static INDArray multiply(INDArray x, INDArray y) {
        return binary("multiply", x, y, DTypes.result(x, y), INDArray::mul, (g, a, b, o) -> g.mul(b), (g, a, b, o) -> g.mul(a));
    }

    /** {@code x / y}; integers divide as floats, as {@code keras.ops.divide} (true division). */
    static INDArray divide(INDArray x, INDArray y) {
        return binary("divide", x, y, DTypes.floatResult(x, y), INDArray::div,
                (g, a, b, o) -> g.div(b), (g, a, b, o) -> g.mul(o).divi(b).negi());
    }

    /**
     * {@code x ** y}; {@code d/dx = y x^(y-1)}, {@code d/dy = log(x) x^y} with {@code log(0)} taken as 0 where x is 0
     * (as JAX's {@code pow} rule).
     */
    static INDArray power(INDArray x, INDArray y) {
        return binary("power", x, y, DTypes.result(x, y), (a, b) -> Transforms.pow(a, b, true),
                (g, a, b, o) -> g.mul(b).muli(Transforms.pow(a, b.sub(1), true)),
                (g, a, b, o) -> {
                    INDArray zero = a.eq(0).castTo(a.dataType());
                    return g.mul(o).muli(Transforms.log(a.add(zero), false));
                });
    }

    /** {@code floor(x / y)}, as {@code keras.ops.floor_divide}; its gradient is zero. */
    static INDArray floorDivide(INDArray x, INDArray y) {
        DataType type = DTypes.result(x, y);
        if (!type.isFPType()) {
            return DTypes.as(floorDivide(DTypes.asFloat(x), DTypes.asFloat(y)), type);
        }
        return binary("floor_divide", x, y, type, (a, b) -> Transforms.floor(a.div(b), false),
                (g, a, b, o) -> g.mul(0), (g, a, b, o) -> g.mul(0));
    }

    /** {@code x - floor(x / y) * y} (the sign of the divisor, as NumPy's {@code mod}). */
    static INDArray mod(INDArray x, INDArray y) {
        DataType type = DTypes.result(x, y);
        if (!type.isFPType()) {
            return DTypes.as(mod(DTypes.asFloat(x), DTypes.asFloat(y)), type);
        }
        return binary("mod", x, y, type, (a, b) -> a.sub(Transforms.floor(a.div(b), false).muli(b)),
                (g, a, b, o) -> g, (g, a, b, o) -> g.mul(Transforms.floor(a.div(b), false)).negi());
    }

    /** The element-wise maximum; where both are equal each operand gets half the gradient, as JAX. */
    static INDArray maximum(INDArray x, INDArray y) {
        return binary("maximum", x, y, DTypes.result(x, y), (a, b) -> Transforms.max(a, b, true),
                (g, a, b, o) -> g.mul(chosen(a, b, a.gt(b))), (g, a, b, o) -> g.mul(chosen(a, b, b.gt(a))));
    }

    /** The element-wise minimum; ties split the gradient evenly. */
    static INDArray minimum(INDArray x, INDArray y) {
        return binary("minimum", x, y, DTypes.result(x, y), (a, b) -> Transforms.min(a, b, true),
                (g, a, b, o) -> g.mul(chosen(a, b, a.lt(b))), (g, a, b, o) -> g.mul(chosen(a, b, b.lt(a))));
    }

    /** 1 where {@code wins}, 0.5 where the operands tie, 0 elsewhere. */
    private static INDArray chosen(INDArray a, INDArray b, INDArray wins) {
        return wins.castTo(a.dataType()).addi(a.eq(b).castTo(a.dataType()).muli(0.5));
    }
}
