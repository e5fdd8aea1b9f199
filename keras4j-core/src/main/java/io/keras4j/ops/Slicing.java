package io.keras4j.ops;

import io.keras4j.backend.Tape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Basic slicing: {@code keras.ops.slice(x, start_indices, shape)} and Python's {@code x[...]} written as a string,
 * {@link #getItem}. The gradient of a slice is the incoming gradient written into zeros of the input's shape (a slice of
 * negative step is a gather, whose gradient adds into the gathered positions).
 */
final class Slicing {
    private Slicing() {
    }

    /** The block of {@code x} of shape {@code shape} starting at {@code startIndices}, as {@code keras.ops.slice}. */
    static INDArray slice(INDArray x, long[] startIndices, long[] shape) {
        if (startIndices.length != x.rank() || shape.length != x.rank()) {
            throw new IllegalArgumentException("ops.slice: start_indices " + Arrays.toString(startIndices) + " and shape "
                    + Arrays.toString(shape) + " must each have one entry per axis of x (shape " + Axes.shape(x.shape()) + ")");
        }
        INDArrayIndex[] index = new INDArrayIndex[x.rank()];
        for (int i = 0; i < index.length; i++) {
            long end = startIndices[i] + shape[i];
            if (startIndices[i] < 0 || shape[i] < 1 || end > x.size(i)) {
                throw new IllegalArgumentException("ops.slice: the block starting at " + Arrays.toString(startIndices)
                        + " of shape " + Axes.shape(shape) + " does not fit in x of shape " + Axes.shape(x.shape()));
            }
            index[i] = NDArrayIndex.interval(startIndices[i], end);
        }
        return take(x, index, shape);
    }

    /**
     * {@code x[spec]} as NumPy's basic indexing, with the index written as in Python: comma-separated entries, each an
     * integer ({@code 2}, {@code -1}: selects and drops the axis), a slice ({@code :}, {@code 1:3}, {@code ::2},
     * {@code -3:}), {@code ...} (all remaining axes) or {@code None} (a new axis of size 1). Negative steps are not
     * supported. Example: {@code getItem(x, ":, 1:3")} is {@code x[:, 1:3]}, {@code getItem(x, "..., -1")} is
     * {@code x[..., -1]}.
     */
    static INDArray getItem(INDArray x, String spec) {
        String[] entries = spec.trim().isEmpty() ? new String[0] : spec.split(",", -1);
        int ellipsis = -1;
        int consuming = 0;
        for (int i = 0; i < entries.length; i++) {
            entries[i] = entries[i].trim();
            if (entries[i].equals("...")) {
                if (ellipsis >= 0) {
                    throw error(spec, x, "an index can only have a single ellipsis ('...')");
                }
                ellipsis = i;
            } else if (!entries[i].equals("None")) {
                consuming++;
            }
        }
        if (consuming > x.rank()) {
            throw error(spec, x, "too many indices: " + consuming + " for an array of rank " + x.rank());
        }
        List<String> full = new ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            if (i == ellipsis) {
                for (int k = 0; k < x.rank() - consuming; k++) {
                    full.add(":");
                }
            } else {
                full.add(entries[i]);
            }
        }
        if (ellipsis < 0) {
            for (int k = consuming; k < x.rank(); k++) {
                full.add(":");
            }
        }
        x = reversedSlices(spec, x, full);
        INDArrayIndex[] index = new INDArrayIndex[x.rank()];
        long[] viewShape = new long[x.rank()];
        List<Long> outShape = new ArrayList<>();
        int axis = 0;
        for (String entry : full) {
            if (entry.equals("None")) {
                outShape.add(1L);
                continue;
            }
            long n = x.size(axis);
            if (entry.contains(":")) {
                String[] parts = entry.split(":", -1);
                if (parts.length > 3) {
                    throw error(spec, x, "invalid slice '" + entry + "'");
                }
                long step = parts.length == 3 && !parts[2].isEmpty() ? parse(spec, x, parts[2]) : 1;
                if (step == 0) {
                    throw error(spec, x, "slice step cannot be zero in '" + entry + "'");
                }
                long start = clamp(parts[0].isEmpty() ? 0 : parse(spec, x, parts[0]), n);
                long stop = clamp(parts[1].isEmpty() ? n : parse(spec, x, parts[1]), n);
                long size = stop > start ? (stop - start + step - 1) / step : 0;
                if (size == 0) {
                    throw error(spec, x, "the slice '" + entry + "' of axis " + axis + " (size " + n + ") is empty");
                }
                index[axis] = step == 1 ? NDArrayIndex.interval(start, stop) : NDArrayIndex.interval(start, step, stop);
                viewShape[axis] = size;
                outShape.add(size);
            } else {
                long i = parse(spec, x, entry);
                if (i < -n || i >= n) {
                    throw error(spec, x, "index " + i + " is out of bounds for axis " + axis + " with size " + n);
                }
                long at = i < 0 ? i + n : i;
                index[axis] = NDArrayIndex.interval(at, at + 1);
                viewShape[axis] = 1;
            }
            axis++;
        }
        return take(x, index, viewShape, outShape.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * {@code x} with each slice of negative step ({@code ::-1}, {@code 5:1:-2}) applied as a gather of the indices Python
     * would visit, its entry in {@code entries} replaced by {@code ":"}.
     */
    private static INDArray reversedSlices(String spec, INDArray x, List<String> entries) {
        int axis = 0;
        for (int e = 0; e < entries.size(); e++) {
            String entry = entries.get(e);
            if (entry.equals("None")) {
                continue;
            }
            String[] parts = entry.split(":", -1);
            if (parts.length == 3 && !parts[2].isEmpty() && parse(spec, x, parts[2]) < 0) {
                long n = x.size(axis);
                long step = parse(spec, x, parts[2]);
                long start = parts[0].isEmpty() ? n - 1 : clampDown(parse(spec, x, parts[0]), n);
                long stop = parts[1].isEmpty() ? -1 : clampDown(parse(spec, x, parts[1]), n);
                List<Long> visited = new ArrayList<>();
                for (long i = start; i > stop; i += step) {
                    visited.add(i);
                }
                if (visited.isEmpty()) {
                    throw error(spec, x, "the slice '" + entry + "' of axis " + axis + " (size " + n + ") is empty");
                }
                x = Indexing.take(x, Nd4j.createFromArray(visited.stream().mapToLong(Long::longValue).toArray()), axis);
                entries.set(e, ":");
            }
            axis++;
        }
        return x;
    }

    /** A bound of a slice with negative step, in {@code [-1, n - 1]} as Python clamps it. */
    private static long clampDown(long i, long n) {
        long at = i < 0 ? i + n : i;
        return Math.max(-1, Math.min(n - 1, at));
    }

    private static INDArray take(INDArray x, INDArrayIndex[] index, long[] viewShape) {
        return take(x, index, viewShape, viewShape);
    }

    /** The view {@code x[index]} (of shape {@code viewShape}) copied into shape {@code shape}, with its gradient. */
    private static INDArray take(INDArray x, INDArrayIndex[] index, long[] viewShape, long[] shape) {
        INDArray out = (x.rank() == 0 ? x : x.get(index)).dup('c').reshape('c', shape);
        if (out == x) {
            out = x.dup();
        }
        Tape.record(out, (g, needs) -> {
            INDArray dx = Nd4j.zeros(g.dataType(), x.shape());
            (x.rank() == 0 ? dx : dx.get(index)).assign(g.dup('c').reshape('c', viewShape));
            return new INDArray[]{dx};
        }, x);
        return out;
    }

    private static long clamp(long i, long n) {
        long at = i < 0 ? i + n : i;
        return Math.max(0, Math.min(n, at));
    }

    private static long parse(String spec, INDArray x, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw error(spec, x, "'" + text.trim() + "' is not an integer, a slice, '...' or 'None'");
        }
    }

    private static IllegalArgumentException error(String spec, INDArray x, String message) {
        return new IllegalArgumentException("ops.getItem: invalid index \"" + spec + "\" for x of shape "
                + Axes.shape(x.shape()) + ": " + message);
    }
}
