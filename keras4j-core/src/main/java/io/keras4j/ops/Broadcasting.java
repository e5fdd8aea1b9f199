package io.keras4j.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** NumPy broadcasting of shapes, and the reduction of a broadcast result's gradient back to an operand's shape. */
final class Broadcasting {
    private Broadcasting() {
    }

    /** The broadcast shape of two shapes, as {@code numpy.broadcast_shapes}. */
    static long[] shape(String op, long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("ops." + op + ": shapes " + Axes.shape(a) + " and " + Axes.shape(b)
                        + " cannot be broadcast together (axis " + i + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** {@code x} broadcast to {@code shape} as a materialised array ({@code x} itself when it already has it). */
    static INDArray to(INDArray x, long[] shape) {
        if (Arrays.equals(x.shape(), shape)) {
            return x;
        }
        long[] lifted = lift(x.shape(), shape.length);
        return x.reshape(lifted).broadcast(shape);
    }

    /**
     * The gradient with respect to an operand of shape {@code shape} from the gradient of a broadcast result: summed over
     * the axes that broadcasting added or stretched, as the backward pass of every broadcasting op needs.
     */
    static INDArray reduce(INDArray grad, long[] shape) {
        long[] gShape = grad.shape();
        if (Arrays.equals(gShape, shape)) {
            return grad;
        }
        long[] lifted = lift(shape, gShape.length);
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < gShape.length; i++) {
            if (lifted[i] == 1 && gShape[i] != 1) {
                axes.add(i);
            }
        }
        INDArray summed = axes.isEmpty() ? grad : grad.sum(true, axes.stream().mapToInt(Integer::intValue).toArray());
        return summed.reshape(shape);
    }

    /** The gradient with respect to operand {@code x}: {@link #reduce reduced} to its shape and cast to its type. */
    static INDArray unbroadcast(INDArray grad, INDArray x) {
        return DTypes.as(reduce(grad, x.shape()), x.dataType());
    }

    /** {@code shape} with leading axes of size 1 up to {@code rank}. */
    static long[] lift(long[] shape, int rank) {
        long[] out = new long[rank];
        Arrays.fill(out, 1);
        System.arraycopy(shape, 0, out, rank - shape.length, shape.length);
        return out;
    }
}
