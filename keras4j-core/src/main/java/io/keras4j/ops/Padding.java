package io.keras4j.ops;

import io.keras4j.backend.Tape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * {@code keras.ops.pad}: constant padding writes {@code x} into a filled array (its gradient is the inner block of the
 * incoming gradient); the other modes gather {@code x}'s own entries along each padded axis ({@link Indexing#take}).
 */
final class Padding {
    private Padding() {
    }

    /**
     * {@code x} padded with {@code padWidth[i] = {before, after}} entries per axis (one pair for all axes if only one is
     * given), as {@code keras.ops.pad(x, pad_width, mode, constant_values)}. Modes: "constant" (with
     * {@code constantValues}), and, as gathers of x's own entries, "reflect" ({@code 3 2 | 1 2 3 | 2 1}), "symmetric"
     * ({@code 2 1 | 1 2 3 | 3 2}), "edge" ({@code 1 1 | 1 2 3 | 3 3}) and "wrap" ({@code 2 3 | 1 2 3 | 1 2}).
     */
    static INDArray pad(INDArray x, long[][] padWidth, String mode, double constantValues) {
        long[][] pads = padWidth.length == 1 && x.rank() != 1 ? expand(padWidth[0], x.rank()) : padWidth;
        if (pads.length != x.rank()) {
            throw new IllegalArgumentException("ops.pad: pad_width has " + pads.length + " pairs but x has rank " + x.rank()
                    + " (shape " + Axes.shape(x.shape()) + ")");
        }
        for (int i = 0; i < pads.length; i++) {
            if (pads[i].length != 2 || pads[i][0] < 0 || pads[i][1] < 0) {
                throw new IllegalArgumentException("ops.pad: each pad_width entry must be a pair (before, after) of values >= 0, got "
                        + Arrays.toString(pads[i]) + " for axis " + i);
            }
        }
        switch (mode) {
            case "constant":
                return padConstant(x, pads, constantValues);
            case "reflect":
            case "symmetric":
            case "edge":
            case "wrap":
                INDArray out = x;
                for (int axis = 0; axis < pads.length; axis++) {
                    if (pads[axis][0] + pads[axis][1] > 0) {
                        out = Indexing.take(out, padIndices(mode, x.size(axis), pads[axis][0], pads[axis][1], axis), axis);
                    }
                }
                return out == x ? ShapeOps.reshape(x, x.shape()) : out;
            default:
                throw new IllegalArgumentException("ops.pad: mode '" + mode + "' is not supported; supported: 'constant', "
                        + "'reflect', 'symmetric', 'edge', 'wrap'");
        }
    }

    /** The source index along an axis of size {@code n} of each position of the padded axis. */
    private static INDArray padIndices(String mode, long n, long before, long after, int axis) {
        long limit = mode.equals("reflect") ? n - 1 : mode.equals("edge") ? Long.MAX_VALUE : n;
        if (before > limit || after > limit || n == 0) {
            throw new IllegalArgumentException("ops.pad: mode '" + mode + "' can pad axis " + axis + " of size " + n
                    + " by at most " + limit + " on each side, got " + before + " and " + after);
        }
        long[] idx = new long[(int) (before + n + after)];
        for (int p = 0; p < idx.length; p++) {
            long i = p - before;
            if (i < 0) {
                idx[p] = switch (mode) {
                    case "reflect" -> -i;
                    case "symmetric" -> -i - 1;
                    case "edge" -> 0;
                    default -> i + n;
                };
            } else if (i >= n) {
                long beyond = i - n;
                idx[p] = switch (mode) {
                    case "reflect" -> n - 2 - beyond;
                    case "symmetric" -> n - 1 - beyond;
                    case "edge" -> n - 1;
                    default -> beyond;
                };
            } else {
                idx[p] = i;
            }
        }
        return Nd4j.createFromArray(idx);
    }

    private static INDArray padConstant(INDArray x, long[][] pads, double constantValues) {
        long[] shape = new long[x.rank()];
        INDArrayIndex[] inner = new INDArrayIndex[x.rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = x.size(i) + pads[i][0] + pads[i][1];
            inner[i] = NDArrayIndex.interval(pads[i][0], pads[i][0] + x.size(i));
        }
        INDArray out = Nd4j.createUninitialized(x.dataType(), shape).assign(constantValues);
        if (x.length() > 0) {
            out.get(inner).assign(x);
        }
        Tape.record(out, (g, needs) -> new INDArray[]{g.get(inner).dup('c')}, x);
        return out;
    }

    private static long[][] expand(long[] pair, int rank) {
        long[][] out = new long[rank][];
        Arrays.fill(out, pair);
        return out;
    }
}
