package io.keras4j.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code keras.ops.einsum(subscripts, *operands)}: Einstein summation over subscripts such as {@code "ij,jk->ik"},
 * {@code "bqhd,bkhd->bhqk"} or {@code "...ij,...jk"} (implicit output: the letters used once, in alphabetical order).
 * Operands are contracted left to right, each pair as one batched matrix product ({@link LinearAlgebra#matmul})
 * between transposes and reshapes, so the gradient is that of those ops. An ellipsis stands for the same leading axes
 * in every operand (equal sizes, no broadcasting); a subscript repeated within one operand (a trace or diagonal) is not
 * supported.
 */
final class Einsum {
    private Einsum() {
    }

    /** An operand with one subscript character per axis. */
    private record Term(INDArray array, String letters) {
    }

    static INDArray einsum(String subscripts, INDArray... operands) {
        String spec = subscripts.replace(" ", "");
        String[] sides = spec.split("->", -1);
        if (sides.length > 2) {
            throw error(subscripts, "more than one '->'");
        }
        String[] inputs = sides[0].split(",", -1);
        if (inputs.length != operands.length) {
            throw error(subscripts, inputs.length + " operand subscripts but " + operands.length + " operands");
        }
        int ellipsisRank = -1;
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].contains("...")) {
                int rank = operands[i].rank() - (inputs[i].length() - 3);
                if (ellipsisRank >= 0 && rank != ellipsisRank) {
                    throw error(subscripts, "'...' stands for " + ellipsisRank + " axes in one operand and " + rank + " in another");
                }
                ellipsisRank = rank;
            }
        }
        String dots = ellipsisRank <= 0 ? "" : dots(ellipsisRank);
        List<Term> terms = new ArrayList<>();
        Map<Character, Long> sizes = new HashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            String letters = inputs[i].replace("...", dots);
            INDArray x = operands[i];
            if (letters.length() != x.rank()) {
                throw error(subscripts, "operand " + i + " has shape " + Axes.shape(x.shape()) + " (rank " + x.rank()
                        + ") but subscripts '" + inputs[i] + "'");
            }
            for (int a = 0; a < letters.length(); a++) {
                char c = letters.charAt(a);
                if (letters.indexOf(c) != a) {
                    throw error(subscripts, "subscript '" + c + "' is repeated within operand " + i
                            + " (traces and diagonals are not supported)");
                }
                Long known = sizes.putIfAbsent(c, x.size(a));
                if (known != null && known != x.size(a)) {
                    throw error(subscripts, "subscript '" + c + "' has size " + known + " in one operand and " + x.size(a)
                            + " in operand " + i + " (shape " + Axes.shape(x.shape()) + ")");
                }
            }
            terms.add(new Term(x, letters));
        }
        String output = sides.length == 2 ? sides[1].replace("...", dots) : implicit(terms, dots);
        for (char c : output.toCharArray()) {
            if (!sizes.containsKey(c)) {
                throw error(subscripts, "output subscript '" + c + "' does not appear in any operand");
            }
        }
        Term acc = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            StringBuilder keep = new StringBuilder(output);
            for (int j = i + 1; j < terms.size(); j++) {
                keep.append(terms.get(j).letters);
            }
            acc = contract(acc, terms.get(i), keep.toString());
        }
        acc = sumOut(acc, output);
        return permute(acc, output).array;
    }

    private static String dots(int rank) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < rank; i++) {
            s.append((char) (0x100 + i));
        }
        return s.toString();
    }

    /** NumPy's implicit output: the ellipsis axes, then the letters used exactly once, alphabetically. */
    private static String implicit(List<Term> terms, String dots) {
        Map<Character, Integer> counts = new HashMap<>();
        for (Term t : terms) {
            for (char c : t.letters.toCharArray()) {
                counts.merge(c, 1, Integer::sum);
            }
        }
        StringBuilder out = new StringBuilder(dots);
        counts.keySet().stream().filter(c -> counts.get(c) == 1 && dots.indexOf(c) < 0).sorted().forEach(out::append);
        return out.toString();
    }

    /** {@code t} summed over its letters not in {@code keep}. */
    private static Term sumOut(Term t, String keep) {
        int[] axes = java.util.stream.IntStream.range(0, t.letters.length()).filter(a -> keep.indexOf(t.letters.charAt(a)) < 0).toArray();
        if (axes.length == 0) {
            return t;
        }
        StringBuilder left = new StringBuilder();
        for (char c : t.letters.toCharArray()) {
            if (keep.indexOf(c) >= 0) {
                left.append(c);
            }
        }
        return new Term(Reductions.sum(t.array, axes, false), left.toString());
    }

    /** The product of two terms, summed over their shared letters not in {@code keep}. */
    private static Term contract(Term a, Term b, String keep) {
        a = sumOut(a, keep + b.letters);
        b = sumOut(b, keep + a.letters);
        StringBuilder batch = new StringBuilder();
        StringBuilder summed = new StringBuilder();
        StringBuilder aFree = new StringBuilder();
        StringBuilder bFree = new StringBuilder();
        for (char c : a.letters.toCharArray()) {
            if (b.letters.indexOf(c) >= 0) {
                (keep.indexOf(c) >= 0 ? batch : summed).append(c);
            } else {
                aFree.append(c);
            }
        }
        for (char c : b.letters.toCharArray()) {
            if (a.letters.indexOf(c) < 0) {
                bFree.append(c);
            }
        }
        long nb = size(a, batch);
        long m = size(a, aFree);
        long k = size(a, summed);
        long n = size(b, bFree);
        INDArray a3 = ShapeOps.reshape(permute(a, batch + "" + aFree + summed).array, nb, m, k);
        INDArray b3 = ShapeOps.reshape(permute(b, batch + "" + summed + bFree).array, nb, k, n);
        String letters = batch + "" + aFree + bFree;
        long[] shape = new long[letters.length()];
        for (int i = 0; i < shape.length; i++) {
            char c = letters.charAt(i);
            shape[i] = a.letters.indexOf(c) >= 0 ? a.array.size(a.letters.indexOf(c)) : b.array.size(b.letters.indexOf(c));
        }
        return new Term(ShapeOps.reshape(LinearAlgebra.matmul(a3, b3), shape), letters);
    }

    private static long size(Term t, CharSequence letters) {
        long n = 1;
        for (int i = 0; i < letters.length(); i++) {
            n *= t.array.size(t.letters.indexOf(letters.charAt(i)));
        }
        return n;
    }

    /** {@code t}'s array with its axes in the order of {@code letters} (a permutation of its letters). */
    private static Term permute(Term t, String letters) {
        if (t.letters.equals(letters)) {
            return t;
        }
        int[] perm = new int[letters.length()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = t.letters.indexOf(letters.charAt(i));
        }
        return new Term(ShapeOps.transpose(t.array, perm), letters);
    }

    private static IllegalArgumentException error(String subscripts, String message) {
        return new IllegalArgumentException("ops.einsum: invalid subscripts \"" + subscripts + "\": " + message);
    }
}
