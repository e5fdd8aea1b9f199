package io.keras4j.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.List;

/**
 * Keras 3's {@code keras.ops} for Java, on ND4J arrays, eagerly: {@code import static io.keras4j.ops.Ops.*;}.
 *
 * <p>Names are Keras's in camelCase, with its arguments in order and its defaults (an overload without an argument
 * uses Keras's default). Binary operations broadcast as NumPy does; a {@code double} operand stands for a Python
 * scalar and takes the float type of the array (an integer array with a double gives {@code floatx}). Mixed float32
 * and float64 operands give float64. {@code axis} arguments may be negative; {@code int[] axis} null means all axes.
 * The full list with Keras names is in docs/ops.md.
 *
 * <p>While a {@link GradientTape} (or a layer that trains through its ops) records on this thread, each call is
 * recorded with its gradient, written beside its forward pass in the package-private class of its group
 * ({@code Arithmetic}, {@code Reductions}, {@code ShapeOps}, {@code Activations}, ...), so that code with only a
 * forward pass trains:
 * <pre>{@code
 * try (GradientTape tape = new GradientTape()) {
 *     tape.watch(w);
 *     INDArray loss = mean(square(subtract(matmul(x, w), y)));
 *     INDArray dw = tape.gradient(loss, w);
 * }
 * }</pre>
 * Comparisons, {@code argmax}/{@code argmin}, {@code oneHot} and the constructors ({@code zeros}, {@code arange}, ...)
 * have no gradient; integer arrays never get one.
 */
public final class Ops {
    private Ops() {
    }

    // ---- arithmetic (keras/src/ops/numpy.py) ----------------------------------------------------

    /** {@code x + y}, broadcasting, as {@code keras.ops.add}. */
    public static INDArray add(INDArray x, INDArray y) {
        return Arithmetic.add(x, y);
    }

    /** {@code x + y} for a scalar {@code y}. */
    public static INDArray add(INDArray x, double y) {
        return Arithmetic.add(x, DTypes.scalar(x, y));
    }

    /** {@code x - y}, broadcasting, as {@code keras.ops.subtract}. */
    public static INDArray subtract(INDArray x, INDArray y) {
        return Arithmetic.subtract(x, y);
    }

    /** {@code x - y} for a scalar {@code y}. */
    public static INDArray subtract(INDArray x, double y) {
        return Arithmetic.subtract(x, DTypes.scalar(x, y));
    }

    /** {@code x - y} for a scalar {@code x} (e.g. {@code 1 - p}). */
    public static INDArray subtract(double x, INDArray y) {
        return Arithmetic.subtract(DTypes.scalar(y, x), y);
    }

    /** {@code x * y} element-wise, broadcasting, as {@code keras.ops.multiply}. */
    public static INDArray multiply(INDArray x, INDArray y) {
        return Arithmetic.multiply(x, y);
    }

    /** {@code x * y} for a scalar {@code y}. */
    public static INDArray multiply(INDArray x, double y) {
        return Arithmetic.multiply(x, DTypes.scalar(x, y));
    }

    /** {@code x / y} (true division; integers give floats), as {@code keras.ops.divide}. */
    public static INDArray divide(INDArray x, INDArray y) {
        return Arithmetic.divide(x, y);
    }

    /** {@code x / y} for a scalar {@code y} (e.g. {@code divide(images, 255.0)}). */
    public static INDArray divide(INDArray x, double y) {
        return Arithmetic.divide(x, DTypes.scalar(x, y));
    }

    /** {@code x / y} for a scalar {@code x}. */
    public static INDArray divide(double x, INDArray y) {
        return Arithmetic.divide(DTypes.scalar(y, x), y);
    }

    /** As {@link #divide(INDArray, INDArray)}, {@code keras.ops.true_divide}. */
    public static INDArray trueDivide(INDArray x, INDArray y) {
        return Arithmetic.divide(x, y);
    }

    /** As {@link #divide(INDArray, double)}. */
    public static INDArray trueDivide(INDArray x, double y) {
        return Arithmetic.divide(x, DTypes.scalar(x, y));
    }

    /** {@code -x}, as {@code keras.ops.negative}. */
    public static INDArray negative(INDArray x) {
        return ElementWise.negative(x);
    }

    /** {@code x ** y}, broadcasting, as {@code keras.ops.power}. */
    public static INDArray power(INDArray x, INDArray y) {
        return Arithmetic.power(x, y);
    }

    /** {@code x ** y} for a scalar exponent. */
    public static INDArray power(INDArray x, double y) {
        return Arithmetic.power(x, DTypes.scalar(x, y));
    }

    /** {@code x ** y} for a scalar base. */
    public static INDArray power(double x, INDArray y) {
        return Arithmetic.power(DTypes.scalar(y, x), y);
    }

    /** {@code floor(x / y)}, as {@code keras.ops.floor_divide} (no gradient). */
    public static INDArray floorDivide(INDArray x, INDArray y) {
        return Arithmetic.floorDivide(x, y);
    }

    /** {@code floor(x / y)} for a scalar {@code y}. */
    public static INDArray floorDivide(INDArray x, double y) {
        return Arithmetic.floorDivide(x, DTypes.scalar(x, y));
    }

    /** The remainder with the sign of {@code y}, as {@code keras.ops.mod}. */
    public static INDArray mod(INDArray x, INDArray y) {
        return Arithmetic.mod(x, y);
    }

    /** The remainder for a scalar {@code y}. */
    public static INDArray mod(INDArray x, double y) {
        return Arithmetic.mod(x, DTypes.scalar(x, y));
    }

    /** The element-wise maximum, as {@code keras.ops.maximum} (ties share the gradient). */
    public static INDArray maximum(INDArray x, INDArray y) {
        return Arithmetic.maximum(x, y);
    }

    /** The element-wise maximum with a scalar (e.g. {@code maximum(x, 0.0)}). */
    public static INDArray maximum(INDArray x, double y) {
        return Arithmetic.maximum(x, DTypes.scalar(x, y));
    }

    /** The element-wise minimum, as {@code keras.ops.minimum}. */
    public static INDArray minimum(INDArray x, INDArray y) {
        return Arithmetic.minimum(x, y);
    }

    /** The element-wise minimum with a scalar. */
    public static INDArray minimum(INDArray x, double y) {
        return Arithmetic.minimum(x, DTypes.scalar(x, y));
    }

    // ---- comparisons and logic (bool results, no gradient) --------------------------------------

    /** {@code x == y}, as {@code keras.ops.equal}. */
    public static INDArray equal(INDArray x, INDArray y) {
        return Comparisons.equal(x, y);
    }

    /** {@code x == y} for a scalar {@code y}. */
    public static INDArray equal(INDArray x, double y) {
        return Comparisons.equal(x, DTypes.scalar(x, y));
    }

    /** {@code x != y}, as {@code keras.ops.not_equal}. */
    public static INDArray notEqual(INDArray x, INDArray y) {
        return Comparisons.notEqual(x, y);
    }

    /** {@code x != y} for a scalar {@code y} (e.g. the mask {@code notEqual(tokens, 0)}). */
    public static INDArray notEqual(INDArray x, double y) {
        return Comparisons.notEqual(x, DTypes.scalar(x, y));
    }

    /** {@code x < y}, as {@code keras.ops.less}. */
    public static INDArray less(INDArray x, INDArray y) {
        return Comparisons.less(x, y);
    }

    /** {@code x < y} for a scalar {@code y}. */
    public static INDArray less(INDArray x, double y) {
        return Comparisons.less(x, DTypes.scalar(x, y));
    }

    /** {@code x <= y}, as {@code keras.ops.less_equal}. */
    public static INDArray lessEqual(INDArray x, INDArray y) {
        return Comparisons.lessEqual(x, y);
    }

    /** {@code x <= y} for a scalar {@code y}. */
    public static INDArray lessEqual(INDArray x, double y) {
        return Comparisons.lessEqual(x, DTypes.scalar(x, y));
    }

    /** {@code x > y}, as {@code keras.ops.greater}. */
    public static INDArray greater(INDArray x, INDArray y) {
        return Comparisons.greater(x, y);
    }

    /** {@code x > y} for a scalar {@code y}. */
    public static INDArray greater(INDArray x, double y) {
        return Comparisons.greater(x, DTypes.scalar(x, y));
    }

    /** {@code x >= y}, as {@code keras.ops.greater_equal}. */
    public static INDArray greaterEqual(INDArray x, INDArray y) {
        return Comparisons.greaterEqual(x, y);
    }

    /** {@code x >= y} for a scalar {@code y}. */
    public static INDArray greaterEqual(INDArray x, double y) {
        return Comparisons.greaterEqual(x, DTypes.scalar(x, y));
    }

    /** Element-wise AND of truth values (non-zero is true), as {@code keras.ops.logical_and}. */
    public static INDArray logicalAnd(INDArray x, INDArray y) {
        return Comparisons.logicalAnd(x, y);
    }

    /** Element-wise OR, as {@code keras.ops.logical_or}. */
    public static INDArray logicalOr(INDArray x, INDArray y) {
        return Comparisons.logicalOr(x, y);
    }

    /** Element-wise NOT, as {@code keras.ops.logical_not}. */
    public static INDArray logicalNot(INDArray x) {
        return Comparisons.logicalNot(x);
    }

    /** Whether all elements are true (non-zero), as {@code keras.ops.all(x)}. */
    public static INDArray all(INDArray x) {
        return Comparisons.all(x, null, false);
    }

    /** Whether all elements along {@code axis} are true, as {@code keras.ops.all(x, axis)}. */
    public static INDArray all(INDArray x, int axis) {
        return Comparisons.all(x, new int[]{axis}, false);
    }

    /** Whether all elements along {@code axis} are true, keeping it when {@code keepdims}. */
    public static INDArray all(INDArray x, int axis, boolean keepdims) {
        return Comparisons.all(x, new int[]{axis}, keepdims);
    }

    /** Whether any element is true (non-zero), as {@code keras.ops.any(x)}. */
    public static INDArray any(INDArray x) {
        return Comparisons.any(x, null, false);
    }

    /** Whether any element along {@code axis} is true, as {@code keras.ops.any(x, axis)}. */
    public static INDArray any(INDArray x, int axis) {
        return Comparisons.any(x, new int[]{axis}, false);
    }

    /** Whether any element along {@code axis} is true, keeping it when {@code keepdims}. */
    public static INDArray any(INDArray x, int axis, boolean keepdims) {
        return Comparisons.any(x, new int[]{axis}, keepdims);
    }

    /** Where {@code x} is NaN, as {@code keras.ops.isnan}. */
    public static INDArray isnan(INDArray x) {
        return Comparisons.isnan(x);
    }

    /** Where {@code x} is infinite, as {@code keras.ops.isinf}. */
    public static INDArray isinf(INDArray x) {
        return Comparisons.isinf(x);
    }

    /** Where {@code x} is neither NaN nor infinite, as {@code keras.ops.isfinite}. */
    public static INDArray isfinite(INDArray x) {
        return Comparisons.isfinite(x);
    }

    /** {@code x1} where {@code condition} is true, else {@code x2}, broadcasting, as {@code keras.ops.where}. */
    public static INDArray where(INDArray condition, INDArray x1, INDArray x2) {
        return Where.where(condition, x1, x2);
    }

    /** {@code x1} where {@code condition} is true, else the scalar {@code x2}. */
    public static INDArray where(INDArray condition, INDArray x1, double x2) {
        return Where.where(condition, x1, DTypes.scalar(x1, x2));
    }

    // ---- linear algebra -------------------------------------------------------------------------

    /** The matrix product with NumPy's rules (batched, broadcasting batch axes; 1-D operands as vectors), as {@code keras.ops.matmul}. */
    public static INDArray matmul(INDArray x, INDArray y) {
        return LinearAlgebra.matmul(x, y);
    }

    /** NumPy's {@code dot}, as {@code keras.ops.dot}. */
    public static INDArray dot(INDArray x, INDArray y) {
        return LinearAlgebra.dot(x, y);
    }

    /** The sum over the last {@code axes} axes of {@code x} and the first of {@code y}, as {@code keras.ops.tensordot(x, y, axes=2)}. */
    public static INDArray tensordot(INDArray x, INDArray y, int axes) {
        return LinearAlgebra.tensordot(x, y, axes);
    }

    /** The sum over paired axes, as {@code keras.ops.tensordot(x, y, axes=(xAxes, yAxes))}. */
    public static INDArray tensordot(INDArray x, INDArray y, int[] xAxes, int[] yAxes) {
        return LinearAlgebra.tensordot(x, y, xAxes, yAxes);
    }

    /** Einstein summation, as {@code keras.ops.einsum("ij,jk->ik", a, b)}. */
    public static INDArray einsum(String subscripts, INDArray... operands) {
        return Einsum.einsum(subscripts, operands);
    }

    /** The outer product of the flattened arrays, as {@code keras.ops.outer}. */
    public static INDArray outer(INDArray x, INDArray y) {
        return LinearAlgebra.outer(x, y);
    }

    /** The 2-norm (Frobenius for matrices) of all elements, as {@code keras.ops.norm(x)}. */
    public static INDArray norm(INDArray x) {
        return LinearAlgebra.norm(x, null, false);
    }

    /** The 2-norm of vectors along {@code axis}, as {@code keras.ops.norm(x, axis=axis)}. */
    public static INDArray norm(INDArray x, int axis) {
        return LinearAlgebra.norm(x, new int[]{axis}, false);
    }

    /** The 2-norm along {@code axis} (one axis: vectors; two: Frobenius; null: all), as {@code keras.ops.norm(x, None, axis, keepdims)}. */
    public static INDArray norm(INDArray x, int[] axis, boolean keepdims) {
        return LinearAlgebra.norm(x, axis, keepdims);
    }

    /** The lower triangle of the last two axes (the rest set to 0), as {@code keras.ops.tril(x)}. */
    public static INDArray tril(INDArray x) {
        return LinearAlgebra.tril(x, 0);
    }

    /** The elements on and below diagonal {@code k}, as {@code keras.ops.tril(x, k)}. */
    public static INDArray tril(INDArray x, int k) {
        return LinearAlgebra.tril(x, k);
    }

    /** The upper triangle of the last two axes, as {@code keras.ops.triu(x)}. */
    public static INDArray triu(INDArray x) {
        return LinearAlgebra.triu(x, 0);
    }

    /** The elements on and above diagonal {@code k}, as {@code keras.ops.triu(x, k)}. */
    public static INDArray triu(INDArray x, int k) {
        return LinearAlgebra.triu(x, k);
    }

    // ---- reductions ------------------------------------------------------------------------------

    /** The sum of all elements, a scalar, as {@code keras.ops.sum(x)}. */
    public static INDArray sum(INDArray x) {
        return Reductions.sum(x, null, false);
    }

    /** The sum along {@code axis}, as {@code keras.ops.sum(x, axis)}. */
    public static INDArray sum(INDArray x, int axis) {
        return Reductions.sum(x, new int[]{axis}, false);
    }

    /** The sum along {@code axis}, as {@code keras.ops.sum(x, axis, keepdims)}. */
    public static INDArray sum(INDArray x, int axis, boolean keepdims) {
        return Reductions.sum(x, new int[]{axis}, keepdims);
    }

    /** The sum along {@code axis} (null: all axes), as {@code keras.ops.sum(x, axis=(0, 1), keepdims)}. */
    public static INDArray sum(INDArray x, int[] axis, boolean keepdims) {
        return Reductions.sum(x, axis, keepdims);
    }

    /** The mean of all elements, a scalar, as {@code keras.ops.mean(x)}. */
    public static INDArray mean(INDArray x) {
        return Reductions.mean(x, null, false);
    }

    /** The mean along {@code axis}. */
    public static INDArray mean(INDArray x, int axis) {
        return Reductions.mean(x, new int[]{axis}, false);
    }

    /** The mean along {@code axis}, keeping it with size 1 when {@code keepdims}. */
    public static INDArray mean(INDArray x, int axis, boolean keepdims) {
        return Reductions.mean(x, new int[]{axis}, keepdims);
    }

    /** The mean along {@code axis} (null: all axes). */
    public static INDArray mean(INDArray x, int[] axis, boolean keepdims) {
        return Reductions.mean(x, axis, keepdims);
    }

    /** The maximum of all elements, as {@code keras.ops.max(x)}; the gradient is shared among ties. */
    public static INDArray max(INDArray x) {
        return Reductions.max(x, null, false);
    }

    /** The maximum along {@code axis}. */
    public static INDArray max(INDArray x, int axis) {
        return Reductions.max(x, new int[]{axis}, false);
    }

    /** The maximum along {@code axis}, keeping it when {@code keepdims}. */
    public static INDArray max(INDArray x, int axis, boolean keepdims) {
        return Reductions.max(x, new int[]{axis}, keepdims);
    }

    /** The maximum along {@code axis} (null: all axes). */
    public static INDArray max(INDArray x, int[] axis, boolean keepdims) {
        return Reductions.max(x, axis, keepdims);
    }

    /** The minimum of all elements, as {@code keras.ops.min(x)}. */
    public static INDArray min(INDArray x) {
        return Reductions.min(x, null, false);
    }

    /** The minimum along {@code axis}. */
    public static INDArray min(INDArray x, int axis) {
        return Reductions.min(x, new int[]{axis}, false);
    }

    /** The minimum along {@code axis}, keeping it when {@code keepdims}. */
    public static INDArray min(INDArray x, int axis, boolean keepdims) {
        return Reductions.min(x, new int[]{axis}, keepdims);
    }

    /** The minimum along {@code axis} (null: all axes). */
    public static INDArray min(INDArray x, int[] axis, boolean keepdims) {
        return Reductions.min(x, axis, keepdims);
    }

    /** The product of all elements, as {@code keras.ops.prod(x)}. */
    public static INDArray prod(INDArray x) {
        return Reductions.prod(x, null, false);
    }

    /** The product along {@code axis}. */
    public static INDArray prod(INDArray x, int axis) {
        return Reductions.prod(x, new int[]{axis}, false);
    }

    /** The product along {@code axis}, keeping it when {@code keepdims}. */
    public static INDArray prod(INDArray x, int axis, boolean keepdims) {
        return Reductions.prod(x, new int[]{axis}, keepdims);
    }

    /** The product along {@code axis} (null: all axes). */
    public static INDArray prod(INDArray x, int[] axis, boolean keepdims) {
        return Reductions.prod(x, axis, keepdims);
    }

    /** The population variance of all elements, as {@code keras.ops.var(x)}. */
    public static INDArray var(INDArray x) {
        return Reductions.var(x, null, false);
    }

    /** The variance along {@code axis}. */
    public static INDArray var(INDArray x, int axis) {
        return Reductions.var(x, new int[]{axis}, false);
    }

    /** The variance along {@code axis}, keeping it when {@code keepdims}. */
    public static INDArray var(INDArray x, int axis, boolean keepdims) {
        return Reductions.var(x, new int[]{axis}, keepdims);
    }

    /** The variance along {@code axis} (null: all axes). */
    public static INDArray var(INDArray x, int[] axis, boolean keepdims) {
        return Reductions.var(x, axis, keepdims);
    }

    /** The population standard deviation of all elements, as {@code keras.ops.std(x)}. */
    public static INDArray std(INDArray x) {
        return Reductions.std(x, null, false);
    }

    /** The standard deviation along {@code axis}. */
    public static INDArray std(INDArray x, int axis) {
        return Reductions.std(x, new int[]{axis}, false);
    }

    /** The standard deviation along {@code axis}, keeping it when {@code keepdims}. */
    public static INDArray std(INDArray x, int axis, boolean keepdims) {
        return Reductions.std(x, new int[]{axis}, keepdims);
    }

    /** The standard deviation along {@code axis} (null: all axes). */
    public static INDArray std(INDArray x, int[] axis, boolean keepdims) {
        return Reductions.std(x, axis, keepdims);
    }

    /** {@code log(sum(exp(x)))} over all elements, computed stably, as {@code keras.ops.logsumexp(x)}. */
    public static INDArray logsumexp(INDArray x) {
        return Reductions.logsumexp(x, null, false);
    }

    /** {@code log(sum(exp(x)))} along {@code axis}. */
    public static INDArray logsumexp(INDArray x, int axis) {
        return Reductions.logsumexp(x, new int[]{axis}, false);
    }

    /** {@code log(sum(exp(x)))} along {@code axis}, keeping it when {@code keepdims}. */
    public static INDArray logsumexp(INDArray x, int axis, boolean keepdims) {
        return Reductions.logsumexp(x, new int[]{axis}, keepdims);
    }

    /** {@code log(sum(exp(x)))} along {@code axis} (null: all axes). */
    public static INDArray logsumexp(INDArray x, int[] axis, boolean keepdims) {
        return Reductions.logsumexp(x, axis, keepdims);
    }

    /** The index of the maximum of the flattened array (int32), as {@code keras.ops.argmax(x)}. */
    public static INDArray argmax(INDArray x) {
        return Reductions.argmax(x, null, false);
    }

    /** The indices of the maxima along {@code axis}. */
    public static INDArray argmax(INDArray x, int axis) {
        return Reductions.argmax(x, axis, false);
    }

    /** The indices of the maxima along {@code axis}, keeping it when {@code keepdims}. */
    public static INDArray argmax(INDArray x, int axis, boolean keepdims) {
        return Reductions.argmax(x, axis, keepdims);
    }

    /** The index of the minimum of the flattened array, as {@code keras.ops.argmin(x)}. */
    public static INDArray argmin(INDArray x) {
        return Reductions.argmin(x, null, false);
    }

    /** The indices of the minima along {@code axis}. */
    public static INDArray argmin(INDArray x, int axis) {
        return Reductions.argmin(x, axis, false);
    }

    /** The indices of the minima along {@code axis}, keeping it when {@code keepdims}. */
    public static INDArray argmin(INDArray x, int axis, boolean keepdims) {
        return Reductions.argmin(x, axis, keepdims);
    }

    /** The running sum of the flattened array, as {@code keras.ops.cumsum(x)}. */
    public static INDArray cumsum(INDArray x) {
        return Reductions.cumsum(x, null);
    }

    /** The running sum along {@code axis}, as {@code keras.ops.cumsum(x, axis)}. */
    public static INDArray cumsum(INDArray x, int axis) {
        return Reductions.cumsum(x, axis);
    }

    // ---- element-wise math -----------------------------------------------------------------------

    /** {@code e^x}, as {@code keras.ops.exp}. */
    public static INDArray exp(INDArray x) {
        return ElementWise.exp(x);
    }

    /** {@code e^x - 1}, accurate near 0, as {@code keras.ops.expm1}. */
    public static INDArray expm1(INDArray x) {
        return ElementWise.expm1(x);
    }

    /** The natural logarithm, as {@code keras.ops.log}. */
    public static INDArray log(INDArray x) {
        return ElementWise.log(x);
    }

    /** {@code log(1 + x)}, accurate near 0, as {@code keras.ops.log1p}. */
    public static INDArray log1p(INDArray x) {
        return ElementWise.log1p(x);
    }

    /** The square root, as {@code keras.ops.sqrt}. */
    public static INDArray sqrt(INDArray x) {
        return ElementWise.sqrt(x);
    }

    /** {@code x * x}, as {@code keras.ops.square}. */
    public static INDArray square(INDArray x) {
        return ElementWise.square(x);
    }

    /** {@code |x|}, as {@code keras.ops.abs}. */
    public static INDArray abs(INDArray x) {
        return ElementWise.abs(x);
    }

    /** {@code |x|}, as {@code keras.ops.absolute}. */
    public static INDArray absolute(INDArray x) {
        return ElementWise.abs(x);
    }

    /** -1, 0 or 1 by the sign of {@code x}, as {@code keras.ops.sign} (zero gradient). */
    public static INDArray sign(INDArray x) {
        return ElementWise.sign(x);
    }

    /** {@code 1 / sqrt(x)}, as {@code keras.ops.rsqrt}. */
    public static INDArray rsqrt(INDArray x) {
        return ElementWise.rsqrt(x);
    }

    /** {@code 1 / x}, as {@code keras.ops.reciprocal}. */
    public static INDArray reciprocal(INDArray x) {
        return ElementWise.reciprocal(x);
    }

    /** The sine, as {@code keras.ops.sin}. */
    public static INDArray sin(INDArray x) {
        return ElementWise.sin(x);
    }

    /** The cosine, as {@code keras.ops.cos}. */
    public static INDArray cos(INDArray x) {
        return ElementWise.cos(x);
    }

    /** The tangent, as {@code keras.ops.tan}. */
    public static INDArray tan(INDArray x) {
        return ElementWise.tan(x);
    }

    /** The hyperbolic tangent, as {@code keras.ops.tanh}. */
    public static INDArray tanh(INDArray x) {
        return ElementWise.tanh(x);
    }

    /** The hyperbolic sine, as {@code keras.ops.sinh}. */
    public static INDArray sinh(INDArray x) {
        return ElementWise.sinh(x);
    }

    /** The hyperbolic cosine, as {@code keras.ops.cosh}. */
    public static INDArray cosh(INDArray x) {
        return ElementWise.cosh(x);
    }

    /** The inverse tangent, as {@code keras.ops.arctan}. */
    public static INDArray arctan(INDArray x) {
        return ElementWise.arctan(x);
    }

    /** The floor, as {@code keras.ops.floor} (zero gradient). */
    public static INDArray floor(INDArray x) {
        return ElementWise.floor(x);
    }

    /** The ceiling, as {@code keras.ops.ceil} (zero gradient). */
    public static INDArray ceil(INDArray x) {
        return ElementWise.ceil(x);
    }

    /** Rounding to the nearest integer, as {@code keras.ops.round} (zero gradient). */
    public static INDArray round(INDArray x) {
        return ElementWise.round(x);
    }

    /** The Gauss error function, as {@code keras.ops.erf}. */
    public static INDArray erf(INDArray x) {
        return ElementWise.erf(x);
    }

    /** {@code x} limited to {@code [xMin, xMax]}, as {@code keras.ops.clip(x, x_min, x_max)}. */
    public static INDArray clip(INDArray x, double xMin, double xMax) {
        return ElementWise.clip(x, xMin, xMax);
    }

    // ---- shapes ------------------------------------------------------------------------------------

    /** {@code x} in a new shape (one size may be -1), as {@code keras.ops.reshape(x, (2, -1))}. */
    public static INDArray reshape(INDArray x, long... newShape) {
        return ShapeOps.reshape(x, newShape);
    }

    /** {@code x} with its axes reversed, as {@code keras.ops.transpose(x)}. */
    public static INDArray transpose(INDArray x) {
        return ShapeOps.transpose(x, null);
    }

    /** {@code x} with its axes permuted, as {@code keras.ops.transpose(x, axes)}. */
    public static INDArray transpose(INDArray x, int... axes) {
        return ShapeOps.transpose(x, axes);
    }

    /** Axis {@code source} moved to {@code destination}, as {@code keras.ops.moveaxis}. */
    public static INDArray moveaxis(INDArray x, int source, int destination) {
        return ShapeOps.moveaxis(x, source, destination);
    }

    /** {@code x} with two axes interchanged, as {@code keras.ops.swapaxes}. */
    public static INDArray swapaxes(INDArray x, int axis1, int axis2) {
        return ShapeOps.swapaxes(x, axis1, axis2);
    }

    /** {@code x} reversed along every axis, as {@code keras.ops.flip(x)}. */
    public static INDArray flip(INDArray x) {
        return Indexing.flip(x, null);
    }

    /** {@code x} reversed along {@code axis}, as {@code keras.ops.flip(x, axis)}. */
    public static INDArray flip(INDArray x, int axis) {
        return Indexing.flip(x, new int[]{axis});
    }

    /** {@code x} with a new axis of size 1 at {@code axis}, as {@code keras.ops.expand_dims}. */
    public static INDArray expandDims(INDArray x, int axis) {
        return ShapeOps.expandDims(x, axis);
    }

    /** {@code x} without its axes of size 1, as {@code keras.ops.squeeze(x)}. */
    public static INDArray squeeze(INDArray x) {
        return ShapeOps.squeeze(x, null);
    }

    /** {@code x} without axis {@code axis} (of size 1), as {@code keras.ops.squeeze(x, axis)}. */
    public static INDArray squeeze(INDArray x, int axis) {
        return ShapeOps.squeeze(x, new int[]{axis});
    }

    /** The arrays joined along axis 0, as {@code keras.ops.concatenate(xs)}. */
    public static INDArray concatenate(List<INDArray> xs) {
        return ShapeOps.concatenate(xs, 0);
    }

    /** The arrays joined along {@code axis}, as {@code keras.ops.concatenate(xs, axis)}. */
    public static INDArray concatenate(List<INDArray> xs, int axis) {
        return ShapeOps.concatenate(xs, axis);
    }

    /** The arrays stacked along a new axis 0, as {@code keras.ops.stack(xs)}. */
    public static INDArray stack(List<INDArray> xs) {
        return ShapeOps.stack(xs, 0);
    }

    /** The arrays stacked along a new axis {@code axis}, as {@code keras.ops.stack(xs, axis)}. */
    public static INDArray stack(List<INDArray> xs, int axis) {
        return ShapeOps.stack(xs, axis);
    }

    /** {@code x} split into {@code sections} equal parts along axis 0, as {@code keras.ops.split(x, sections)}. */
    public static List<INDArray> split(INDArray x, int sections) {
        return ShapeOps.split(x, sections, 0);
    }

    /** {@code x} split into {@code sections} equal parts along {@code axis}. */
    public static List<INDArray> split(INDArray x, int sections, int axis) {
        return ShapeOps.split(x, sections, axis);
    }

    /** {@code x} split before each of {@code indices} along {@code axis}, as {@code keras.ops.split(x, [2, 5], axis)}. */
    public static List<INDArray> split(INDArray x, int[] indices, int axis) {
        return ShapeOps.split(x, Arrays.stream(indices).asLongStream().toArray(), axis);
    }

    /** {@code x} repeated as a block {@code repeats[i]} times along each axis, as {@code keras.ops.tile}. */
    public static INDArray tile(INDArray x, long... repeats) {
        return ShapeOps.tile(x, repeats);
    }

    /** Each element of the flattened {@code x} repeated {@code repeats} times, as {@code keras.ops.repeat(x, repeats)}. */
    public static INDArray repeat(INDArray x, int repeats) {
        return ShapeOps.repeat(x, repeats, null);
    }

    /** Each element repeated {@code repeats} times along {@code axis}, as {@code keras.ops.repeat(x, repeats, axis)}. */
    public static INDArray repeat(INDArray x, int repeats, int axis) {
        return ShapeOps.repeat(x, repeats, axis);
    }

    /** Element {@code i} along {@code axis} repeated {@code repeats[i]} times, as {@code keras.ops.repeat(x, [2, 0, 1], axis)}. */
    public static INDArray repeat(INDArray x, int[] repeats, int axis) {
        return ShapeOps.repeat(x, repeats, axis);
    }

    /** {@code x} padded with zeros, {@code padWidth[i] = {before, after}}, as {@code keras.ops.pad(x, pad_width)}. */
    public static INDArray pad(INDArray x, long[][] padWidth) {
        return Padding.pad(x, padWidth, "constant", 0.0);
    }

    /**
     * {@code x} padded in {@code mode} ("constant" with 0, "reflect", "symmetric", "edge", "wrap"), as
     * {@code keras.ops.pad(x, pad_width, mode)}.
     */
    public static INDArray pad(INDArray x, long[][] padWidth, String mode) {
        return Padding.pad(x, padWidth, mode, 0.0);
    }

    /**
     * {@code x} padded in {@code mode}, "constant" with {@code constantValues}, as
     * {@code keras.ops.pad(x, pad_width, mode, constant_values)}.
     */
    public static INDArray pad(INDArray x, long[][] padWidth, String mode, double constantValues) {
        return Padding.pad(x, padWidth, mode, constantValues);
    }

    /** The block of shape {@code shape} starting at {@code startIndices}, as {@code keras.ops.slice}. */
    public static INDArray slice(INDArray x, long[] startIndices, long[] shape) {
        return Slicing.slice(x, startIndices, shape);
    }

    /**
     * {@code x[index]} with the index written as in Python: {@code getItem(x, ":, 1:3")} is {@code x[:, 1:3]};
     * integers, slices {@code start:stop:step} (any non-zero step), {@code ...} and {@code None} are accepted.
     */
    public static INDArray getItem(INDArray x, String index) {
        return Slicing.getItem(x, index);
    }

    /** Elements of the flattened {@code x} at integer {@code indices}, as {@code keras.ops.take(x, indices)}. */
    public static INDArray take(INDArray x, INDArray indices) {
        return Indexing.take(x, indices, null);
    }

    /** Slices of {@code x} along {@code axis} at integer {@code indices}, as {@code keras.ops.take(x, indices, axis)}. */
    public static INDArray take(INDArray x, INDArray indices, int axis) {
        return Indexing.take(x, indices, axis);
    }

    /** Elements of the flattened {@code x} at {@code indices}, as {@code keras.ops.take_along_axis(x, indices)}. */
    public static INDArray takeAlongAxis(INDArray x, INDArray indices) {
        return Indexing.takeAlongAxis(x, indices, null);
    }

    /** Elements along {@code axis} at {@code indices} of x's rank, as {@code keras.ops.take_along_axis(x, indices, axis)}. */
    public static INDArray takeAlongAxis(INDArray x, INDArray indices, int axis) {
        return Indexing.takeAlongAxis(x, indices, axis);
    }

    /** One-hot vectors (floatx) along a new last axis, as {@code keras.ops.one_hot(x, num_classes)}. */
    public static INDArray oneHot(INDArray x, int numClasses) {
        return Indexing.oneHot(x, numClasses, -1, null);
    }

    /** One-hot vectors along {@code axis} of type {@code dtype} (null: floatx), as {@code keras.ops.one_hot}. */
    public static INDArray oneHot(INDArray x, int numClasses, int axis, String dtype) {
        return Indexing.oneHot(x, numClasses, axis, dtype);
    }

    /** {@code x} as {@code dtype} ("float32", "int32", ...), as {@code keras.ops.cast}. */
    public static INDArray cast(INDArray x, String dtype) {
        return ShapeOps.cast(x, dtype);
    }

    // ---- constructors (no gradient) ------------------------------------------------------------

    /** An array from Java values (an INDArray, a Number, a double[], float[][], int[], ...), as {@code keras.ops.convert_to_tensor}. */
    public static INDArray convertToTensor(Object x) {
        return Creation.convertToTensor(x, null);
    }

    /** An array from Java values, of type {@code dtype}. */
    public static INDArray convertToTensor(Object x, String dtype) {
        return Creation.convertToTensor(x, dtype);
    }

    /** Zeros of {@code floatx}, as {@code keras.ops.zeros(shape)}. */
    public static INDArray zeros(long... shape) {
        return Creation.zeros(shape, null);
    }

    /** Zeros of type {@code dtype}. */
    public static INDArray zeros(long[] shape, String dtype) {
        return Creation.zeros(shape, dtype);
    }

    /** Ones of {@code floatx}, as {@code keras.ops.ones(shape)}. */
    public static INDArray ones(long... shape) {
        return Creation.ones(shape, null);
    }

    /** Ones of type {@code dtype}. */
    public static INDArray ones(long[] shape, String dtype) {
        return Creation.ones(shape, dtype);
    }

    /** An array filled with {@code fillValue} ({@code floatx}), as {@code keras.ops.full(shape, fill_value)}. */
    public static INDArray full(long[] shape, double fillValue) {
        return Creation.full(shape, fillValue, null);
    }

    /** An array filled with {@code fillValue} of type {@code dtype}. */
    public static INDArray full(long[] shape, double fillValue, String dtype) {
        return Creation.full(shape, fillValue, dtype);
    }

    /** Zeros of {@code x}'s shape and type, as {@code keras.ops.zeros_like}. */
    public static INDArray zerosLike(INDArray x) {
        return Creation.fullLike(x, 0, null);
    }

    /** Ones of {@code x}'s shape and type, as {@code keras.ops.ones_like}. */
    public static INDArray onesLike(INDArray x) {
        return Creation.fullLike(x, 1, null);
    }

    /** {@code fillValue} in {@code x}'s shape and type, as {@code keras.ops.full_like}. */
    public static INDArray fullLike(INDArray x, double fillValue) {
        return Creation.fullLike(x, fillValue, null);
    }

    /** {@code num} evenly spaced values from {@code start} to {@code stop} inclusive ({@code floatx}), as {@code keras.ops.linspace}. */
    public static INDArray linspace(double start, double stop, int num) {
        return Creation.linspace(start, stop, num, null);
    }

    /** {@code 0, 1, ..., stop - 1} as int32, as {@code keras.ops.arange(stop)}. */
    public static INDArray arange(int stop) {
        return Creation.arange(0, stop, 1, "int32");
    }

    /** {@code start, start + step, ...} below {@code stop}, as int32, as {@code keras.ops.arange(start, stop, step)}. */
    public static INDArray arange(int start, int stop, int step) {
        return Creation.arange(start, stop, step, "int32");
    }

    /** {@code start, start + step, ...} below {@code stop} as {@code floatx}, as {@code keras.ops.arange(0.0, 1.0, 0.1)}. */
    public static INDArray arange(double start, double stop, double step) {
        return Creation.arange(start, stop, step, null);
    }

    /** The {@code n x n} identity ({@code floatx}), as {@code keras.ops.eye(N)}. */
    public static INDArray eye(int n) {
        return Creation.eye(n, n, 0, null);
    }

    /** An {@code n x m} array with ones on diagonal {@code k}, as {@code keras.ops.eye(N, M, k)}. */
    public static INDArray eye(int n, int m, int k) {
        return Creation.eye(n, m, k, null);
    }

    // ---- nn (keras/src/ops/nn.py) -------------------------------------------------------------

    /** {@code max(x, 0)}, as {@code keras.ops.relu}. */
    public static INDArray relu(INDArray x) {
        return Activations.relu(x);
    }

    /** {@code min(max(x, 0), 6)}, as {@code keras.ops.relu6}. */
    public static INDArray relu6(INDArray x) {
        return Activations.relu6(x);
    }

    /** {@code 1 / (1 + exp(-x))}, as {@code keras.ops.sigmoid}. */
    public static INDArray sigmoid(INDArray x) {
        return Activations.sigmoid(x);
    }

    /** {@code x * sigmoid(x)}, as {@code keras.ops.silu}. */
    public static INDArray silu(INDArray x) {
        return Activations.silu(x);
    }

    /** {@code log(1 + exp(x))}, as {@code keras.ops.softplus}. */
    public static INDArray softplus(INDArray x) {
        return Activations.softplus(x);
    }

    /** {@code log(sigmoid(x))}, as {@code keras.ops.log_sigmoid}. */
    public static INDArray logSigmoid(INDArray x) {
        return Activations.logSigmoid(x);
    }

    /** {@code x / (1 + |x|)}, as {@code keras.ops.softsign}. */
    public static INDArray softsign(INDArray x) {
        return Activations.softsign(x);
    }

    /** ELU with {@code alpha=1.0}, as {@code keras.ops.elu(x)}. */
    public static INDArray elu(INDArray x) {
        return Activations.elu(x, 1.0);
    }

    /** ELU, as {@code keras.ops.elu(x, alpha)}. */
    public static INDArray elu(INDArray x, double alpha) {
        return Activations.elu(x, alpha);
    }

    /** SELU, as {@code keras.ops.selu}. */
    public static INDArray selu(INDArray x) {
        return Activations.selu(x);
    }

    /** Leaky ReLU with {@code negative_slope=0.2}, as {@code keras.ops.leaky_relu(x)}. */
    public static INDArray leakyRelu(INDArray x) {
        return Activations.leakyRelu(x, 0.2);
    }

    /** Leaky ReLU, as {@code keras.ops.leaky_relu(x, negative_slope)}. */
    public static INDArray leakyRelu(INDArray x, double negativeSlope) {
        return Activations.leakyRelu(x, negativeSlope);
    }

    /** {@code relu6(x + 3) / 6}, as {@code keras.ops.hard_sigmoid}. */
    public static INDArray hardSigmoid(INDArray x) {
        return Activations.hardSigmoid(x);
    }

    /** {@code x * hard_sigmoid(x)}, as {@code keras.ops.hard_silu}. */
    public static INDArray hardSilu(INDArray x) {
        return Activations.hardSilu(x);
    }

    /** {@code x * tanh(softplus(x))}, as {@code keras.ops.mish}. */
    public static INDArray mish(INDArray x) {
        return Activations.mish(x);
    }

    /** GELU with the tanh approximation, as {@code keras.ops.gelu(x)} ({@code approximate=True}). */
    public static INDArray gelu(INDArray x) {
        return Activations.gelu(x, true);
    }

    /** GELU, exact ({@code erf}) when not {@code approximate}, as {@code keras.ops.gelu(x, approximate)}. */
    public static INDArray gelu(INDArray x, boolean approximate) {
        return Activations.gelu(x, approximate);
    }

    /** The softmax along the last axis, as {@code keras.ops.softmax(x)}. */
    public static INDArray softmax(INDArray x) {
        return Activations.softmax(x, -1);
    }

    /** The softmax along {@code axis}, as {@code keras.ops.softmax(x, axis)}. */
    public static INDArray softmax(INDArray x, int axis) {
        return Activations.softmax(x, axis);
    }

    /** The log of the softmax along the last axis, as {@code keras.ops.log_softmax(x)}. */
    public static INDArray logSoftmax(INDArray x) {
        return Activations.logSoftmax(x, -1);
    }

    /** The log of the softmax along {@code axis}. */
    public static INDArray logSoftmax(INDArray x, int axis) {
        return Activations.logSoftmax(x, axis);
    }

    /** A 1-D or 2-D convolution with strides 1, "valid" padding, channels last, as {@code keras.ops.conv(inputs, kernel)}. */
    public static INDArray conv(INDArray inputs, INDArray kernel) {
        return Convolution.conv(inputs, kernel, new int[]{1}, "valid", null, new int[]{1});
    }

    /** A convolution with the given strides and padding ("valid" or "same"). */
    public static INDArray conv(INDArray inputs, INDArray kernel, int strides, String padding) {
        return Convolution.conv(inputs, kernel, new int[]{strides}, padding, null, new int[]{1});
    }

    /**
     * A convolution, as {@code keras.ops.conv(inputs, kernel, strides, padding, data_format, dilation_rate)}: kernel
     * {@code (spatial..., in_channels, out_channels)}; {@code strides} and {@code dilationRate} one value or one per
     * spatial axis; {@code dataFormat} null for channels_last.
     */
    public static INDArray conv(INDArray inputs, INDArray kernel, int[] strides, String padding, String dataFormat,
                                int[] dilationRate) {
        return Convolution.conv(inputs, kernel, strides, padding, dataFormat, dilationRate);
    }

    /** A depthwise convolution, kernel {@code (spatial..., in_channels, multiplier)}, as {@code keras.ops.depthwise_conv}. */
    public static INDArray depthwiseConv(INDArray inputs, INDArray kernel) {
        return Convolution.depthwiseConv(inputs, kernel, new int[]{1}, "valid", null, new int[]{1});
    }

    /** A depthwise convolution with the given strides and padding. */
    public static INDArray depthwiseConv(INDArray inputs, INDArray kernel, int strides, String padding) {
        return Convolution.depthwiseConv(inputs, kernel, new int[]{strides}, padding, null, new int[]{1});
    }

    /** A depthwise convolution with all of {@code keras.ops.depthwise_conv}'s arguments. */
    public static INDArray depthwiseConv(INDArray inputs, INDArray kernel, int[] strides, String padding, String dataFormat,
                                         int[] dilationRate) {
        return Convolution.depthwiseConv(inputs, kernel, strides, padding, dataFormat, dilationRate);
    }

    /** Max pooling with strides equal to the window, "valid", channels last, as {@code keras.ops.max_pool(inputs, pool_size)}. */
    public static INDArray maxPool(INDArray inputs, int poolSize) {
        return Pooling.maxPool(inputs, new int[]{poolSize}, null, "valid", null);
    }

    /** Max pooling, as {@code keras.ops.max_pool(inputs, pool_size, strides=None, padding, data_format)}. */
    public static INDArray maxPool(INDArray inputs, int[] poolSize, int[] strides, String padding, String dataFormat) {
        return Pooling.maxPool(inputs, poolSize, strides, padding, dataFormat);
    }

    /** Average pooling with strides equal to the window, "valid", channels last, as {@code keras.ops.average_pool}. */
    public static INDArray averagePool(INDArray inputs, int poolSize) {
        return Pooling.averagePool(inputs, new int[]{poolSize}, null, "valid", null);
    }

    /** Average pooling, as {@code keras.ops.average_pool(inputs, pool_size, strides=None, padding, data_format)}. */
    public static INDArray averagePool(INDArray inputs, int[] poolSize, int[] strides, String padding, String dataFormat) {
        return Pooling.averagePool(inputs, poolSize, strides, padding, dataFormat);
    }

    /** {@code {mean, variance}} over {@code axes}, as {@code keras.ops.moments(x, axes)}. */
    public static INDArray[] moments(INDArray x, int[] axes) {
        return Normalization.moments(x, axes, false);
    }

    /** {@code {mean, variance}} over {@code axes}, as {@code keras.ops.moments(x, axes, keepdims)}. */
    public static INDArray[] moments(INDArray x, int[] axes, boolean keepdims) {
        return Normalization.moments(x, axes, keepdims);
    }

    /** {@code (x - mean) / sqrt(variance + 1e-3)}, as {@code keras.ops.batch_normalization(x, mean, variance, axis)}. */
    public static INDArray batchNormalization(INDArray x, INDArray mean, INDArray variance, int axis) {
        return Normalization.batchNormalization(x, mean, variance, axis, null, null, 1e-3);
    }

    /** Batch normalization with {@code offset} and {@code scale} (each may be null) and {@code epsilon}. */
    public static INDArray batchNormalization(INDArray x, INDArray mean, INDArray variance, int axis, INDArray offset,
                                              INDArray scale, double epsilon) {
        return Normalization.batchNormalization(x, mean, variance, axis, offset, scale, epsilon);
    }

    /** Element-wise binary crossentropy of probabilities, as {@code keras.ops.binary_crossentropy(target, output)}. */
    public static INDArray binaryCrossentropy(INDArray target, INDArray output) {
        return Crossentropy.binaryCrossentropy(target, output, false);
    }

    /** Element-wise binary crossentropy, of logits when {@code fromLogits}. */
    public static INDArray binaryCrossentropy(INDArray target, INDArray output, boolean fromLogits) {
        return Crossentropy.binaryCrossentropy(target, output, fromLogits);
    }

    /** The categorical crossentropy along the last axis, as {@code keras.ops.categorical_crossentropy(target, output)}. */
    public static INDArray categoricalCrossentropy(INDArray target, INDArray output) {
        return Crossentropy.categoricalCrossentropy(target, output, false, -1);
    }

    /** The categorical crossentropy along {@code axis}, of logits when {@code fromLogits}. */
    public static INDArray categoricalCrossentropy(INDArray target, INDArray output, boolean fromLogits, int axis) {
        return Crossentropy.categoricalCrossentropy(target, output, fromLogits, axis);
    }

    /** The crossentropy of integer class ids, as {@code keras.ops.sparse_categorical_crossentropy(target, output)}. */
    public static INDArray sparseCategoricalCrossentropy(INDArray target, INDArray output) {
        return Crossentropy.sparseCategoricalCrossentropy(target, output, false, -1);
    }

    /** The crossentropy of integer class ids along {@code axis}, of logits when {@code fromLogits}. */
    public static INDArray sparseCategoricalCrossentropy(INDArray target, INDArray output, boolean fromLogits, int axis) {
        return Crossentropy.sparseCategoricalCrossentropy(target, output, fromLogits, axis);
    }

    /** Scaled dot-product attention over {@code (batch, time, heads, depth)}, as {@code keras.ops.dot_product_attention(q, k, v)}. */
    public static INDArray dotProductAttention(INDArray query, INDArray key, INDArray value) {
        return Attention.dotProductAttention(query, key, value, null, null, null, false);
    }

    /**
     * Scaled dot-product attention with an optional {@code bias}, boolean {@code mask} (true where allowed), {@code scale}
     * (null: {@code 1 / sqrt(depth)}) and causal masking, as {@code keras.ops.dot_product_attention}.
     */
    public static INDArray dotProductAttention(INDArray query, INDArray key, INDArray value, INDArray bias, INDArray mask,
                                               Double scale, boolean isCausal) {
        return Attention.dotProductAttention(query, key, value, bias, mask, scale, isCausal);
    }
}
