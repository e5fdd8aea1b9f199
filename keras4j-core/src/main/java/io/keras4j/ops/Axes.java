package io.keras4j.ops;

import java.util.Arrays;

/** Validation and normalisation of {@code axis} arguments (negative axes count from the end, as NumPy). */
final class Axes {
    private Axes() {
    }

    /** {@code axis} in {@code [0, rank)}, counted from the end when negative. */
    static int axis(String op, String argument, int axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw new IllegalArgumentException("ops." + op + ": " + argument + " " + axis + " is out of bounds for an array of rank "
                    + rank + " (expected -" + rank + " <= " + argument + " < " + rank + ")");
        }
        return axis < 0 ? axis + rank : axis;
    }

    /** Sorted distinct axes; all axes when {@code axes} is null; an error on a repeated axis. */
    static int[] axes(String op, String argument, int[] axes, int rank) {
        if (axes == null) {
            int[] all = new int[rank];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = axis(op, argument, axes[i], rank);
        }
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw new IllegalArgumentException("ops." + op + ": repeated axis in " + argument + " " + Arrays.toString(axes));
            }
        }
        return out;
    }

    /** {@code shape} with the axes in {@code axes} set to 1 (the keepdims shape of a reduction). */
    static long[] kept(long[] shape, int[] axes) {
        long[] out = shape.clone();
        for (int a : axes) {
            out[a] = 1;
        }
        return out;
    }

    /** {@code shape} without the axes in {@code axes}. */
    static long[] removed(long[] shape, int[] axes) {
        long[] out = new long[shape.length - axes.length];
        int j = 0;
        for (int i = 0; i < shape.length; i++) {
            if (Arrays.binarySearch(axes, i) < 0) {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    /** The permutation moving axis {@code from} to position {@code to}, the other axes in order. */
    static int[] moveAxis(int rank, int from, int to) {
        int[] perm = new int[rank];
        int j = 0;
        for (int i = 0; i < rank; i++) {
            if (j == to) {
                perm[j++] = from;
            }
            if (i != from) {
                perm[j++] = i;
            }
        }
        if (j == to) {
            perm[j] = from;
        }
        return perm;
    }

    /** The inverse of a permutation. */
    static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[perm[i]] = i;
        }
        return inv;
    }

    /** A shape as Python prints a tuple: {@code (2, 3)}, {@code (4,)}, {@code ()}. */
    static String shape(long[] shape) {
        String inner = Arrays.toString(shape);
        return "(" + inner.substring(1, inner.length() - 1) + (shape.length == 1 ? ",)" : ")");
    }
}
