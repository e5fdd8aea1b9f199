package io.keras4j.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code keras.ops.einsum(subscripts, *operands)}: Einstein summation over subscripts such as {@code "ij,jk->ik"},
 * {@code "bqhd,bkhd->bhqk"} or {@code "...ij,...jk"} (implicit output: the letters used once, in alphabetical order).
 * Operands are contracted left to right, each pair as one batched matrix product ({@link LinearAlgebra#matmul})
 * between transposes and reshapes, so the gradient is that of those ops. A subscript repeated within one operand takes
 * the diagonal ({@code "ii->i"}, the trace {@code "ii"}). An ellipsis stands for the same leading axes in every operand
 * (equal sizes, no broadcasting).
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
        List<String> raw = new ArrayList<>();
        Map<Character, Long> sizes = new HashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            String letters = inputs[i].replace("...", dots);
            INDArray x = operands[i];
            if (letters.length() != x.rank()) {
                throw error(subscripts, "operand " + i + " has shape " + Axes.shape(x.shape()) + " (rank " + x.rank()
                        + ") but subscripts '" + inputs[i] + "'");
            }
            raw.add(letters);
            Term term = diagonals(subscripts, new Term(x, letters), i);
            for (int a = 0; a < term.letters.length(); a++) {
                char c = term.letters.charAt(a);
                Long known = sizes.putIfAbsent(c, term.array.size(a));
                if (known != null && known != term.array.size(a)) {
                    throw error(subscripts, "subscript '" + c + "' has size " + known + " in one operand and " + term.array.size(a)
                            + " in operand " + i + " (shape " + Axes.shape(x.shape()) + ")");
                }
            }
            terms.add(term);
        }
        String output = sides.length == 2 ? sides[1].replace("...", dots) : implicit(raw, dots);
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

    /**
     * {@code t} with each subscript repeated within it reduced to the diagonal of those axes ({@code "ii->i"}), as
     * {@code x * eye} along the two axes summed over the second; a trace is then an ordinary sum.
     */
    private static Term diagonals(String subscripts, Term t, int operand) {
        for (int second = 0; second < t.letters.length(); second++) {
            char c = t.letters.charAt(second);
            int first = t.letters.indexOf(c);
            if (first == second) {
                continue;
            }
            long n = t.array.size(first);
            if (t.array.size(second) != n) {
                throw error(subscripts, "subscript '" + c + "' is repeated in operand " + operand + " on axes of sizes " + n
                        + " and " + t.array.size(second) + " (shape " + Axes.shape(t.array.shape()) + ")");
            }
            long[] shape = new long[t.letters.length()];
            java.util.Arrays.fill(shape, 1);
            shape[first] = n;
            shape[second] = n;
            INDArray eye = Nd4j.eye(n).castTo(t.array.dataType()).reshape(shape);
            INDArray diagonal = Reductions.sum(Arithmetic.multiply(t.array, eye), new int[]{second}, false);
            return diagonals(subscripts, new Term(diagonal, t.letters.substring(0, second) + t.letters.substring(second + 1)), operand);
        }
        return t;
    }

    /** NumPy's implicit output: the ellipsis axes, then the letters used exactly once, alphabetically. */
    private static String implicit(List<String> inputs, String dots) {
        Map<Character, Integer> counts = new HashMap<>();
        for (String letters : inputs) {
            for (char c : letters.toCharArray()) {
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
