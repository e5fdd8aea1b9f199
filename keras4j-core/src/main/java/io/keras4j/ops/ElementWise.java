package io.keras4j.ops;

import io.keras4j.backend.Tape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * Element-wise math of one array, as keras/src/ops/numpy.py ({@code exp}, {@code log}, ...): each op is its forward
 * function and, beside it, its local derivative {@code dy/dx} as a function of the input and the output; the backward
 * pass multiplies the incoming gradient by it. Integer inputs are computed in {@code floatx}, as Keras.
 */
final class ElementWise {
    private ElementWise() {
    }

    /**
     * Applies {@code forward} to {@code x} (as a float array) and records the gradient {@code g * derivative(x, out)}.
     *
     * @param derivative the local derivative from the input and the output, or null for a non-differentiable op
     */
    static INDArray unary(INDArray x, UnaryOperator<INDArray> forward, BinaryOperator<INDArray> derivative) {
        INDArray fx = DTypes.asFloat(x);
        INDArray out = forward.apply(fx);
        if (out == fx || out == x) {
            out = out.dup();
        }
        INDArray result = out;
        if (derivative != null && DTypes.isFloat(x)) {
            Tape.record(result, (g, needs) -> new INDArray[]{g.mul(derivative.apply(fx, result))}, x);
        }
        return result;
    }

    static INDArray exp(INDArray x) {
        return unary(x, v -> Transforms.exp(v, true), (v, out) -> out);
    }

    static INDArray expm1(INDArray x) {
        return unary(x, v -> Transforms.expm1(v, true), (v, out) -> out.add(1));
    }

    static INDArray log(INDArray x) {
        return unary(x, v -> Transforms.log(v, true), (v, out) -> v.rdiv(1));
    }

    static INDArray log1p(INDArray x) {
        return unary(x, v -> Transforms.log1p(v, true), (v, out) -> v.add(1).rdivi(1));
    }

    static INDArray sqrt(INDArray x) {
        return unary(x, v -> Transforms.sqrt(v, true), (v, out) -> out.mul(2).rdivi(1));
    }

    static INDArray square(INDArray x) {
        return unary(x, v -> v.mul(v), (v, out) -> v.mul(2));
    }

    static INDArray abs(INDArray x) {
        return unary(x, v -> Transforms.abs(v, true), (v, out) -> Transforms.sign(v, true));
    }

    static INDArray negative(INDArray x) {
        return unary(x, INDArray::neg, (v, out) -> v.ulike().assign(-1));
    }

    static INDArray sign(INDArray x) {
        return unary(x, v -> Transforms.sign(v, true), (v, out) -> v.ulike().assign(0));
    }

    /** {@code 1 / sqrt(x)}, as {@code keras.ops.rsqrt}; derivative {@code -out^3 / 2}. */
    static INDArray rsqrt(INDArray x) {
        return unary(x, v -> Transforms.sqrt(v, true).rdivi(1), (v, out) -> out.mul(out).muli(out).muli(-0.5));
    }

    static INDArray reciprocal(INDArray x) {
        return unary(x, v -> v.rdiv(1), (v, out) -> out.mul(out).negi());
    }

    static INDArray sin(INDArray x) {
        return unary(x, v -> Transforms.sin(v, true), (v, out) -> Transforms.cos(v, true));
    }

    static INDArray cos(INDArray x) {
        return unary(x, v -> Transforms.cos(v, true), (v, out) -> Transforms.sin(v, true).negi());
    }

    static INDArray tan(INDArray x) {
        return unary(x, v -> Transforms.tan(v, true), (v, out) -> out.mul(out).addi(1));
    }

    static INDArray tanh(INDArray x) {
        return unary(x, v -> Transforms.tanh(v, true), (v, out) -> out.mul(out).rsubi(1));
    }

    static INDArray sinh(INDArray x) {
        return unary(x, v -> Transforms.sinh(v, true), (v, out) -> Transforms.cosh(v, true));
    }

    static INDArray cosh(INDArray x) {
        return unary(x, v -> Transforms.cosh(v, true), (v, out) -> Transforms.sinh(v, true));
    }

    static INDArray arctan(INDArray x) {
        return unary(x, v -> Transforms.atan(v, true), (v, out) -> v.mul(v).addi(1).rdivi(1));
    }

    static INDArray floor(INDArray x) {
        return unary(x, v -> Transforms.floor(v, true), (v, out) -> v.ulike().assign(0));
    }

    static INDArray ceil(INDArray x) {
        return unary(x, v -> Transforms.ceil(v, true), (v, out) -> v.ulike().assign(0));
    }

    static INDArray round(INDArray x) {
        return unary(x, v -> Transforms.round(v, true), (v, out) -> v.ulike().assign(0));
    }

    /** The Gauss error function, with the derivative {@code 2 / sqrt(pi) * exp(-x^2)}. */
    static INDArray erf(INDArray x) {
        return unary(x, ElementWise::erfForward,
                (v, out) -> Transforms.exp(v.mul(v).negi(), false).muli(2 / Math.sqrt(Math.PI)));
    }

    static INDArray erfForward(INDArray v) {
        return Nd4j.exec(new Erf(v, v.ulike()));
    }

    /**
     * {@code clip(x, xMin, xMax)}; the gradient flows where {@code xMin <= x <= xMax} (to one side only at a bound,
     * as jnp.clip's {@code minimum(maximum(x, min), max)} with ties split evenly).
     */
    static INDArray clip(INDArray x, double xMin, double xMax) {
        if (xMin > xMax) {
            throw new IllegalArgumentException("ops.clip: x_min " + xMin + " is greater than x_max " + xMax);
        }
        return unary(x, v -> Transforms.min(Transforms.max(v, xMin, true), xMax, false), (v, out) -> {
            INDArray inside = v.gt(xMin).castTo(v.dataType()).muli(v.lt(xMax).castTo(v.dataType()));
            INDArray atBound = v.eq(xMin).castTo(v.dataType()).addi(v.eq(xMax).castTo(v.dataType())).muli(0.5);
            return inside.addi(atBound);
        });
    }
}
