package io.keras4j.ops;

import io.keras4j.backend.Blas;
import io.keras4j.backend.Tape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

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
}
