package io.keras4j.ops;

import io.keras4j.backend.Blas;
import io.keras4j.backend.Backend;
import io.keras4j.backend.Tape;
import io.keras4j.engine.KerasTensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Keras 3's {@code keras.ops} for Java, on ND4J arrays, eagerly: {@code import static io.keras4j.ops.Ops.*;}.
 *
 * <p>Names are Keras's in camelCase; binary operations broadcast as NumPy does. While a {@link GradientTape} (or a
 * layer that trains through its ops) records on this thread, each call is recorded with its gradient function,
 * written beside its forward pass, so that user code with only a forward pass trains.
 */
public final class Ops {
    private Ops() {
    }

    // ---- arithmetic ----------------------------------------------------------------------

    /** {@code x + y}, broadcasting, as {@code keras.ops.add}. */
    public static INDArray add(INDArray x, INDArray y) {
        long[] shape = Broadcasting.shape("add", x.shape(), y.shape());
        INDArray out = Broadcasting.to(x, shape).add(Broadcasting.to(y, shape));
        Tape.record(out, (g, needs) -> new INDArray[]{
                needs[0] ? Broadcasting.reduce(g, x.shape()) : null,
                needs[1] ? Broadcasting.reduce(g, y.shape()) : null}, x, y);
        return out;
    }

    /** {@code x - y}, broadcasting, as {@code keras.ops.subtract}. */
    public static INDArray subtract(INDArray x, INDArray y) {
        long[] shape = Broadcasting.shape("subtract", x.shape(), y.shape());
        INDArray out = Broadcasting.to(x, shape).sub(Broadcasting.to(y, shape));
        Tape.record(out, (g, needs) -> new INDArray[]{
                needs[0] ? Broadcasting.reduce(g, x.shape()) : null,
                needs[1] ? Broadcasting.reduce(g.neg(), y.shape()) : null}, x, y);
        return out;
    }

    /** {@code x * y} element-wise, broadcasting, as {@code keras.ops.multiply}. */
    public static INDArray multiply(INDArray x, INDArray y) {
        long[] shape = Broadcasting.shape("multiply", x.shape(), y.shape());
        INDArray bx = Broadcasting.to(x, shape);
        INDArray by = Broadcasting.to(y, shape);
        INDArray out = bx.mul(by);
        Tape.record(out, (g, needs) -> new INDArray[]{
                needs[0] ? Broadcasting.reduce(g.mul(by), x.shape()) : null,
                needs[1] ? Broadcasting.reduce(g.mul(bx), y.shape()) : null}, x, y);
        return out;
    }

    /** {@code x * c} for a scalar {@code c}. */
    public static INDArray multiply(INDArray x, double c) {
        INDArray out = x.mul(c);
        Tape.record(out, (g, needs) -> new INDArray[]{g.mul(c)}, x);
        return out;
    }

    // ---- linear algebra ------------------------------------------------------------------

    /**
     * The matrix product, as {@code keras.ops.matmul}: for rank-2 operands {@code (m, k) @ (k, n)}; an {@code x} of
     * higher rank is multiplied along its last axis by a rank-2 {@code y}.
     */
    public static INDArray matmul(INDArray x, INDArray y) {
        if (y.rank() != 2 || x.rank() < 2 || x.size(-1) != y.size(0)) {
            throw new IllegalArgumentException("ops.matmul: expected x of shape (..., k) and y of shape (k, n), got "
                    + java.util.Arrays.toString(x.shape()) + " and " + java.util.Arrays.toString(y.shape()));
        }
        DataType dtype = x.dataType();
        INDArray x2 = x.rank() == 2 ? x : x.reshape('c', x.length() / x.size(-1), x.size(-1));
        INDArray out2 = Nd4j.createUninitialized(dtype, x2.size(0), y.size(1));
        Blas.matmul(x2, false, y.castTo(dtype), false, out2, 0.0);
        long[] shape = x.shape().clone();
        shape[shape.length - 1] = y.size(1);
        INDArray out = x.rank() == 2 ? out2 : out2.reshape(shape);
        Tape.record(out, (g, needs) -> {
            INDArray g2 = g.reshape('c', x2.size(0), y.size(1));
            INDArray dx = null;
            INDArray dy = null;
            if (needs[0]) {
                dx = Nd4j.createUninitialized(dtype, x2.size(0), x2.size(1));
                Blas.matmul(g2, false, y, true, dx, 0.0);
                dx = dx.reshape(x.shape());
            }
            if (needs[1]) {
                dy = Nd4j.createUninitialized(dtype, y.size(0), y.size(1));
                Blas.matmul(x2, true, g2, false, dy, 0.0);
            }
            return new INDArray[]{dx, dy};
        }, x, y);
        return out;
    }

    // ---- reductions ----------------------------------------------------------------------

    /** The sum of all elements, a scalar, as {@code keras.ops.sum(x)}. */
    public static INDArray sum(INDArray x) {
        INDArray out = x.sum();
        Tape.record(out, (g, needs) -> new INDArray[]{x.ulike().assign(g.getDouble(0))}, x);
        return out;
    }

    /** The mean of all elements, a scalar, as {@code keras.ops.mean(x)}. */
    public static INDArray mean(INDArray x) {
        INDArray out = x.mean();
        long n = x.length();
        Tape.record(out, (g, needs) -> new INDArray[]{x.ulike().assign(g.getDouble(0) / n)}, x);
        return out;
    }

    // ---- element-wise math ---------------------------------------------------------------

    /** {@code x * x}, as {@code keras.ops.square}. */
    public static INDArray square(INDArray x) {
        INDArray out = x.mul(x);
        Tape.record(out, (g, needs) -> new INDArray[]{g.mul(x).muli(2)}, x);
        return out;
    }

    /** {@code max(x, 0)}, as {@code keras.ops.relu}. */
    public static INDArray relu(INDArray x) {
        INDArray out = Transforms.relu(x, true);
        Tape.record(out, (g, needs) -> new INDArray[]{g.mul(out.gt(0).castTo(g.dataType()))}, x);
        return out;
    }

    // ---- symbolic: operation nodes in the functional graph ---------------------------------------------------------
    // Keras's keras.ops on KerasTensors: each call records an Operation node (saved as Keras 3 saves it, e.g.
    // {"module": "keras.src.ops.numpy", "class_name": "Add"}); the node runs the eager op above when the model runs.

    /** {@code x + y}, recorded as an {@code Add} node. */
    public static KerasTensor add(KerasTensor x, KerasTensor y) {
        return Operations.call("Add", Map.of(), x, y);
    }

    /** {@code x + y} with a constant {@code y} kept in the node. */
    public static KerasTensor add(KerasTensor x, double y) {
        return Operations.call("Add", Map.of(), x, y);
    }

    /** {@code x + y} with a constant {@code x} kept in the node. */
    public static KerasTensor add(double x, KerasTensor y) {
        return Operations.call("Add", Map.of(), x, y);
    }

    /** {@code x - y}, recorded as a {@code Subtract} node. */
    public static KerasTensor subtract(KerasTensor x, KerasTensor y) {
        return Operations.call("Subtract", Map.of(), x, y);
    }

    /** {@code x - y} with a constant {@code y} kept in the node. */
    public static KerasTensor subtract(KerasTensor x, double y) {
        return Operations.call("Subtract", Map.of(), x, y);
    }

    /** {@code x - y} with a constant {@code x} kept in the node. */
    public static KerasTensor subtract(double x, KerasTensor y) {
        return Operations.call("Subtract", Map.of(), x, y);
    }

    /** {@code x * y}, recorded as a {@code Multiply} node. */
    public static KerasTensor multiply(KerasTensor x, KerasTensor y) {
        return Operations.call("Multiply", Map.of(), x, y);
    }

    /** {@code x * y} with a constant {@code y} kept in the node. */
    public static KerasTensor multiply(KerasTensor x, double y) {
        return Operations.call("Multiply", Map.of(), x, y);
    }

    /** {@code x * y} with a constant {@code x} kept in the node. */
    public static KerasTensor multiply(double x, KerasTensor y) {
        return Operations.call("Multiply", Map.of(), x, y);
    }

    /** {@code x / y}, recorded as a {@code Divide} node. */
    public static KerasTensor divide(KerasTensor x, KerasTensor y) {
        return Operations.call("Divide", Map.of(), x, y);
    }

    /** {@code x / y} with a constant {@code y} kept in the node. */
    public static KerasTensor divide(KerasTensor x, double y) {
        return Operations.call("Divide", Map.of(), x, y);
    }

    /** {@code x / y} with a constant {@code x} kept in the node. */
    public static KerasTensor divide(double x, KerasTensor y) {
        return Operations.call("Divide", Map.of(), x, y);
    }

    /** {@code x / y} (Python's {@code /} operator), recorded as a {@code TrueDivide} node. */
    public static KerasTensor trueDivide(KerasTensor x, KerasTensor y) {
        return Operations.call("TrueDivide", Map.of(), x, y);
    }

    /** {@code x / y} (Python's {@code /} operator) with a constant {@code y} kept in the node. */
    public static KerasTensor trueDivide(KerasTensor x, double y) {
        return Operations.call("TrueDivide", Map.of(), x, y);
    }

    /** {@code x / y} (Python's {@code /} operator) with a constant {@code x} kept in the node. */
    public static KerasTensor trueDivide(double x, KerasTensor y) {
        return Operations.call("TrueDivide", Map.of(), x, y);
    }

    /** {@code x ** y}, recorded as a {@code Power} node. */
    public static KerasTensor power(KerasTensor x, KerasTensor y) {
        return Operations.call("Power", Map.of(), x, y);
    }

    /** {@code x ** y} with a constant {@code y} kept in the node. */
    public static KerasTensor power(KerasTensor x, double y) {
        return Operations.call("Power", Map.of(), x, y);
    }

    /** {@code x ** y} with a constant {@code x} kept in the node. */
    public static KerasTensor power(double x, KerasTensor y) {
        return Operations.call("Power", Map.of(), x, y);
    }

    /** the element-wise maximum, recorded as a {@code Maximum} node. */
    public static KerasTensor maximum(KerasTensor x, KerasTensor y) {
        return Operations.call("Maximum", Map.of(), x, y);
    }

    /** the element-wise maximum with a constant {@code y} kept in the node. */
    public static KerasTensor maximum(KerasTensor x, double y) {
        return Operations.call("Maximum", Map.of(), x, y);
    }

    /** the element-wise maximum with a constant {@code x} kept in the node. */
    public static KerasTensor maximum(double x, KerasTensor y) {
        return Operations.call("Maximum", Map.of(), x, y);
    }

    /** the element-wise minimum, recorded as a {@code Minimum} node. */
    public static KerasTensor minimum(KerasTensor x, KerasTensor y) {
        return Operations.call("Minimum", Map.of(), x, y);
    }

    /** the element-wise minimum with a constant {@code y} kept in the node. */
    public static KerasTensor minimum(KerasTensor x, double y) {
        return Operations.call("Minimum", Map.of(), x, y);
    }

    /** the element-wise minimum with a constant {@code x} kept in the node. */
    public static KerasTensor minimum(double x, KerasTensor y) {
        return Operations.call("Minimum", Map.of(), x, y);
    }

    /** {@code x == y} (bool), recorded as an {@code Equal} node. */
    public static KerasTensor equal(KerasTensor x, KerasTensor y) {
        return Operations.call("Equal", Map.of(), x, y);
    }

    /** {@code x == y} (bool) with a constant {@code y} kept in the node. */
    public static KerasTensor equal(KerasTensor x, double y) {
        return Operations.call("Equal", Map.of(), x, y);
    }

    /** {@code x == y} (bool) with a constant {@code x} kept in the node. */
    public static KerasTensor equal(double x, KerasTensor y) {
        return Operations.call("Equal", Map.of(), x, y);
    }

    /** {@code x != y} (bool, as Keras's masks), recorded as a {@code NotEqual} node. */
    public static KerasTensor notEqual(KerasTensor x, KerasTensor y) {
        return Operations.call("NotEqual", Map.of(), x, y);
    }

    /** {@code x != y} (bool, as Keras's masks) with a constant {@code y} kept in the node. */
    public static KerasTensor notEqual(KerasTensor x, double y) {
        return Operations.call("NotEqual", Map.of(), x, y);
    }

    /** {@code x != y} (bool, as Keras's masks) with a constant {@code x} kept in the node. */
    public static KerasTensor notEqual(double x, KerasTensor y) {
        return Operations.call("NotEqual", Map.of(), x, y);
    }

    /** {@code -x}, recorded as a {@code Negative} node. */
    public static KerasTensor negative(KerasTensor x) {
        return Operations.call("Negative", Map.of(), x);
    }

    /** {@code x * x}, recorded as a {@code Square} node. */
    public static KerasTensor square(KerasTensor x) {
        return Operations.call("Square", Map.of(), x);
    }

    /** the square root, recorded as a {@code Sqrt} node. */
    public static KerasTensor sqrt(KerasTensor x) {
        return Operations.call("Sqrt", Map.of(), x);
    }

    /** {@code |x|}, recorded as an {@code Absolute} node. */
    public static KerasTensor abs(KerasTensor x) {
        return Operations.call("Absolute", Map.of(), x);
    }

    /** {@code e^x}, recorded as an {@code Exp} node. */
    public static KerasTensor exp(KerasTensor x) {
        return Operations.call("Exp", Map.of(), x);
    }

    /** the natural logarithm, recorded as a {@code Log} node. */
    public static KerasTensor log(KerasTensor x) {
        return Operations.call("Log", Map.of(), x);
    }

    /** {@code max(x, 0)}, recorded as a {@code Relu} node. */
    public static KerasTensor relu(KerasTensor x) {
        return Operations.call("Relu", Map.of(), x);
    }

    /** {@code 1 / (1 + e^-x)}, recorded as a {@code Sigmoid} node. */
    public static KerasTensor sigmoid(KerasTensor x) {
        return Operations.call("Sigmoid", Map.of(), x);
    }

    /** {@code relu6(x + 3) / 6}, recorded as a {@code HardSigmoid} node. */
    public static KerasTensor hardSigmoid(KerasTensor x) {
        return Operations.call("HardSigmoid", Map.of(), x);
    }

    /** {@code x * hard_sigmoid(x)}, recorded as a {@code HardSilu} node. */
    public static KerasTensor hardSilu(KerasTensor x) {
        return Operations.call("HardSilu", Map.of(), x);
    }

    /** The sum over all axes (a scalar), recorded as a {@code Sum} node. */
    public static KerasTensor sum(KerasTensor x) {
        return Operations.call("Sum", Map.of(), x);
    }

    /** The sum over {@code axes}, keeping them as size 1 with {@code keepdims}, as {@code keras.ops.sum(x, axis, keepdims)}. */
    public static KerasTensor sum(KerasTensor x, int[] axes, boolean keepdims) {
        return Operations.call("Sum", Map.of("axis", axisList(axes), "keepdims", keepdims), x);
    }

    /** The sum over one axis, as {@code keras.ops.sum(x, axis=axis)}. */
    public static KerasTensor sum(KerasTensor x, int axis) {
        return Operations.call("Sum", Map.of("axis", axis), x);
    }

    /** The mean over all axes (a scalar), recorded as a {@code Mean} node. */
    public static KerasTensor mean(KerasTensor x) {
        return Operations.call("Mean", Map.of(), x);
    }

    /** The mean over {@code axes}, keeping them as size 1 with {@code keepdims}, as {@code keras.ops.mean(x, axis, keepdims)}. */
    public static KerasTensor mean(KerasTensor x, int[] axes, boolean keepdims) {
        return Operations.call("Mean", Map.of("axis", axisList(axes), "keepdims", keepdims), x);
    }

    /** The mean over one axis, as {@code keras.ops.mean(x, axis=axis)}. */
    public static KerasTensor mean(KerasTensor x, int axis) {
        return Operations.call("Mean", Map.of("axis", axis), x);
    }

    /** The max over all axes (a scalar), recorded as a {@code Max} node. */
    public static KerasTensor max(KerasTensor x) {
        return Operations.call("Max", Map.of(), x);
    }

    /** The max over {@code axes}, keeping them as size 1 with {@code keepdims}, as {@code keras.ops.max(x, axis, keepdims)}. */
    public static KerasTensor max(KerasTensor x, int[] axes, boolean keepdims) {
        return Operations.call("Max", Map.of("axis", axisList(axes), "keepdims", keepdims), x);
    }

    /** The max over one axis, as {@code keras.ops.max(x, axis=axis)}. */
    public static KerasTensor max(KerasTensor x, int axis) {
        return Operations.call("Max", Map.of("axis", axis), x);
    }

    /** The min over all axes (a scalar), recorded as a {@code Min} node. */
    public static KerasTensor min(KerasTensor x) {
        return Operations.call("Min", Map.of(), x);
    }

    /** The min over {@code axes}, keeping them as size 1 with {@code keepdims}, as {@code keras.ops.min(x, axis, keepdims)}. */
    public static KerasTensor min(KerasTensor x, int[] axes, boolean keepdims) {
        return Operations.call("Min", Map.of("axis", axisList(axes), "keepdims", keepdims), x);
    }

    /** The min over one axis, as {@code keras.ops.min(x, axis=axis)}. */
    public static KerasTensor min(KerasTensor x, int axis) {
        return Operations.call("Min", Map.of("axis", axis), x);
    }

    /** {@code x} in a new shape, batch axis included (one -1 is inferred), as {@code keras.ops.reshape}. */
    public static KerasTensor reshape(KerasTensor x, long... newShape) {
        return Operations.call("Reshape", Map.of("newshape", Arrays.stream(newShape).boxed().toList()), x);
    }

    /** {@code x} with its axes reversed, as {@code keras.ops.transpose(x)}. */
    public static KerasTensor transpose(KerasTensor x) {
        return Operations.call("Transpose", Map.of(), x);
    }

    /** {@code x} with its axes permuted (batch axis included), as {@code keras.ops.transpose(x, axes)}. */
    public static KerasTensor transpose(KerasTensor x, int... axes) {
        return Operations.call("Transpose", Map.of("axes", axisList(axes)), x);
    }

    /** {@code x} with a new axis of size 1 at {@code axis}, as {@code keras.ops.expand_dims}. */
    public static KerasTensor expandDims(KerasTensor x, int axis) {
        return Operations.call("ExpandDims", Map.of("axis", axis), x);
    }

    /** {@code x} without its axes of size 1, as {@code keras.ops.squeeze(x)}. */
    public static KerasTensor squeeze(KerasTensor x) {
        return Operations.call("Squeeze", Map.of(), x);
    }

    /** {@code x} without axis {@code axis} (of size 1), as {@code keras.ops.squeeze(x, axis)}. */
    public static KerasTensor squeeze(KerasTensor x, int axis) {
        return Operations.call("Squeeze", Map.of("axis", axis), x);
    }

    /** The tensors joined along {@code axis}, as {@code keras.ops.concatenate(xs, axis)}. */
    public static KerasTensor concatenate(List<KerasTensor> xs, int axis) {
        return Operations.call("Concatenate", Map.of("axis", axis), List.copyOf(xs));
    }

    /** {@code x} as {@code dtype} ("float32", "int32", "bool", ...), as {@code keras.ops.cast}. */
    public static KerasTensor cast(KerasTensor x, String dtype) {
        Backend.parseDtype(dtype, "ops.cast dtype");
        return Operations.call("Cast", Map.of("dtype", dtype), x);
    }

    /**
     * {@code x[key]}, as Python's indexing of a KerasTensor: {@link Slice}s, ints, null (a new axis) and
     * {@link Ellipsis#INSTANCE}; {@code x[:, 1:3]} is {@code getItem(x, Slice.of(null, null), Slice.of(1, 3))}.
     */
    public static KerasTensor getItem(KerasTensor x, Object... key) {
        return Operations.call("GetItem", Map.of(), x, Arrays.asList(key));
    }

    /** The matrix product, as {@code keras.ops.matmul}. */
    public static KerasTensor matmul(KerasTensor x, KerasTensor y) {
        return Operations.call("Matmul", Map.of(), x, y);
    }

    /** The softmax along {@code axis}, as {@code keras.ops.softmax(x, axis)}. */
    public static KerasTensor softmax(KerasTensor x, int axis) {
        return Operations.call("Softmax", Map.of("axis", axis), x);
    }

    private static List<Integer> axisList(int[] axes) {
        return Arrays.stream(axes).boxed().toList();
    }
}
