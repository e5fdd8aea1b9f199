package io.keras4j.engine;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Shape helpers: Keras-style formatting ("(None, 784)") and size arithmetic. -1 stands for None. */
public final class Shapes {
    private Shapes() {
    }

    /** Formats a shape as Keras prints it: {@code (None, 28, 28)}; a rank-1 shape as {@code (None,)}. */
    public static String format(long[] shape) {
        if (shape.length == 1) {
            return "(" + dim(shape[0]) + ",)";
        }
        return Arrays.stream(shape).mapToObj(Shapes::dim).collect(Collectors.joining(", ", "(", ")"));
    }

    /** Formats several shapes, as Keras prints a multi-output layer. */
    public static String format(List<long[]> shapes) {
        if (shapes.size() == 1) {
            return format(shapes.get(0));
        }
        return shapes.stream().map(Shapes::format).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String dim(long d) {
        return d < 0 ? "None" : Long.toString(d);
    }

    /** A shape with a leading unknown batch axis: {@code withBatch(28, 28) == [-1, 28, 28]}. */
    public static long[] withBatch(long... shape) {
        long[] out = new long[shape.length + 1];
        out[0] = -1;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }

    /** The product of the dimensions after the batch axis; -1 if any of them is unknown. */
    public static long featureSize(long[] shape) {
        long size = 1;
        for (int i = 1; i < shape.length; i++) {
            if (shape[i] < 0) {
                return -1;
            }
            size *= shape[i];
        }
        return size;
    }

    /** Whether a concrete shape matches a symbolic one (-1 matches anything). */
    public static boolean compatible(long[] symbolic, long[] concrete) {
        if (symbolic.length != concrete.length) {
            return false;
        }
        for (int i = 0; i < symbolic.length; i++) {
            if (symbolic[i] >= 0 && symbolic[i] != concrete[i]) {
                return false;
            }
        }
        return true;
    }
}
