package io.keras4j.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The equation of an {@link EinsumDense} layer and the shapes it implies, as keras/src/layers/core/einsum_dense.py
 * {@code _analyze_einsum_string} and {@code _analyze_split_string}. Three forms are accepted, as in Keras:
 * {@code "ab,bc->ac"}, {@code "...ab,bc->...ac"} (left ellipsis) and {@code "ab...,bc->ac..."} (right ellipsis).
 * Ellipsis axes become labels of their own ({@link #ELLIPSIS} + i), so that the einsum itself sees only labels.
 */
final class EinsumEquation {
    /** The first label code given to the axes an ellipsis stands for. */
    static final int ELLIPSIS = 1 << 16;
    private static final Pattern PLAIN = Pattern.compile("([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)");
    private static final Pattern LEFT = Pattern.compile("0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)");
    private static final Pattern RIGHT = Pattern.compile("([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0");

    final String equation;
    final String inputSpec;
    final String weightSpec;
    final String outputSpec;
    final boolean leftElided;
    final boolean rightElided;
    private final String layer;

    /** The shapes for one input shape, as returned by {@code _analyze_split_string}. */
    static final class Analysis {
        long[] kernel;
        long[] bias;
        long[] output;
        int[] inputAxes;
        int[] outputAxes;
        int[] inputLabels;
        int[] weightLabels;
        int[] outputLabels;
    }

    EinsumEquation(String equation, String layer) {
        this.layer = layer;
        if (equation == null) {
            throw new IllegalArgumentException(layer + ": argument `equation` is required");
        }
        String dotted = equation.replace("...", "0");
        Matcher m;
        boolean left = false;
        boolean right = false;
        if ((m = PLAIN.matcher(dotted)).matches()) {
            left = false;
        } else if ((m = LEFT.matcher(dotted)).matches()) {
            left = true;
        } else if ((m = RIGHT.matcher(dotted)).matches()) {
            right = true;
        } else {
            throw new IllegalArgumentException(layer + ": invalid einsum equation '" + equation
                    + "'. Equations must be in the form [X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]....");
        }
        this.equation = equation;
        this.inputSpec = m.group(1);
        this.weightSpec = m.group(2);
        this.outputSpec = m.group(3);
        this.leftElided = left;
        this.rightElided = right;
        for (String spec : List.of(inputSpec, weightSpec, outputSpec)) {
            if (spec.chars().distinct().count() != spec.length()) {
                throw new IllegalArgumentException(layer + ": equation '" + equation + "' repeats a label within '" + spec
                        + "' (diagonals are not supported)");
            }
        }
    }

    /**
     * Kernel, bias and output shapes for an input shape, as Keras's {@code _analyze_split_string}.
     *
     * @param partialOutput the layer's {@code output_shape} (-1 for None)
     */
    Analysis analyze(String biasAxes, long[] inputShape, long[] partialOutput) {
        int rank = inputShape.length;
        int elided = rank - inputSpec.length();
        if ((!leftElided && !rightElided && elided != 0) || elided < 0 || (leftElided && elided < 1)) {
            throw new IllegalArgumentException(layer + ": equation '" + equation + "' does not fit an input of shape "
                    + io.keras4j.engine.Shapes.format(inputShape) + " (rank " + rank + ")");
        }
        int expectedPartial = outputSpec.length() - (leftElided ? 0 : 1);
        if (partialOutput.length != expectedPartial) {
            throw new IllegalArgumentException(layer + ": `output_shape` " + Arrays.toString(partialOutput) + " must have "
                    + expectedPartial + " entries for equation '" + equation + "' (the output without its batch axis"
                    + (leftElided || rightElided ? " and the ellipsis axes" : "") + ")");
        }
        Analysis s = new Analysis();
        s.inputLabels = new int[rank];
        s.outputLabels = new int[rank - inputSpec.length() + outputSpec.length()];
        s.output = new long[s.outputLabels.length];
        int lead = leftElided ? elided : 0;
        for (int i = 0; i < lead; i++) {
            s.inputLabels[i] = ELLIPSIS + i;
            s.outputLabels[i] = ELLIPSIS + i;
            s.output[i] = inputShape[i];
        }
        for (int i = 0; i < inputSpec.length(); i++) {
            s.inputLabels[lead + i] = inputSpec.charAt(i);
        }
        for (int i = 0; i < outputSpec.length(); i++) {
            s.outputLabels[lead + i] = outputSpec.charAt(i);
            s.output[lead + i] = leftElided ? partialOutput[i] : i == 0 ? inputShape[0] : partialOutput[i - 1];
        }
        for (int i = 0; i < elided && rightElided; i++) {
            s.inputLabels[inputSpec.length() + i] = ELLIPSIS + i;
            s.outputLabels[outputSpec.length() + i] = ELLIPSIS + i;
            s.output[outputSpec.length() + i] = inputShape[inputSpec.length() + i];
        }
        for (int i = 0; i < rank; i++) {
            int o = indexOf(s.outputLabels, s.inputLabels[i]);
            if (o >= 0 && s.output[o] >= 0 && inputShape[i] >= 0 && s.output[o] != inputShape[i]) {
                throw new IllegalArgumentException(layer + ": input shape and output shape do not match at shared dimension '"
                        + label(s.inputLabels[i]) + "'. Input shape is " + inputShape[i] + ", and output shape is " + s.output[o]);
            }
            if (o >= 0 && s.output[o] < 0) {
                s.output[o] = inputShape[i];
            }
        }
        for (char c : outputSpec.toCharArray()) {
            if (inputSpec.indexOf(c) < 0 && weightSpec.indexOf(c) < 0) {
                throw new IllegalArgumentException(layer + ": dimension '" + c + "' was specified in the output '" + outputSpec
                        + "' but has no corresponding dim in the input spec '" + inputSpec + "' or weight spec '" + weightSpec + "'");
            }
        }
        s.weightLabels = weightSpec.chars().toArray();
        s.kernel = new long[weightSpec.length()];
        List<Integer> in = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < weightSpec.length(); i++) {
            int o = indexOf(s.outputLabels, weightSpec.charAt(i));
            int x = indexOf(s.inputLabels, weightSpec.charAt(i));
            if (o >= 0) {
                s.kernel[i] = s.output[o];
                out.add(i);
            } else if (x >= 0) {
                s.kernel[i] = inputShape[x];
                in.add(i);
            } else {
                throw new IllegalArgumentException(layer + ": weight dimension '" + weightSpec.charAt(i) + "' did not have a match in either"
                        + " the input spec '" + inputSpec + "' or the output spec '" + outputSpec + "'. For this layer, the weight must be fully specified.");
            }
            if (s.kernel[i] <= 0) {
                throw new IllegalArgumentException(layer + ": the kernel dimension '" + weightSpec.charAt(i) + "' of equation '" + equation
                        + "' is unknown for input shape " + io.keras4j.engine.Shapes.format(inputShape) + " and output_shape "
                        + Arrays.toString(partialOutput) + "; give it in `output_shape`");
            }
        }
        s.inputAxes = in.stream().mapToInt(Integer::intValue).toArray();
        s.outputAxes = out.stream().mapToInt(Integer::intValue).toArray();
        s.bias = biasAxes == null ? null : biasShape(biasAxes, s, rightElided ? elided : 0);
        return s;
    }

    /** The bias covers the output from its first bias axis on, 1 on the other axes (Keras's broadcasting shape). */
    private long[] biasShape(String biasAxes, Analysis s, int trailing) {
        if (biasAxes.isEmpty()) {
            throw new IllegalArgumentException(layer + ": `bias_axes` must name at least one output axis of '" + outputSpec + "', got \"\"");
        }
        int first = Integer.MAX_VALUE;
        for (char c : biasAxes.toCharArray()) {
            if (outputSpec.indexOf(c) < 0) {
                throw new IllegalArgumentException(layer + ": bias dimension '" + c + "' was requested, but is not part of the output spec '"
                        + outputSpec + "'");
            }
            first = Math.min(first, outputSpec.indexOf(c));
        }
        int lead = leftElided ? s.output.length - outputSpec.length() : 0;
        long[] bias = new long[outputSpec.length() - first + trailing];
        Arrays.fill(bias, 1);
        for (int i = first; i < outputSpec.length(); i++) {
            if (biasAxes.indexOf(outputSpec.charAt(i)) >= 0) {
                bias[i - first] = s.output[lead + i];
            }
        }
        return bias;
    }

    static int indexOf(int[] labels, int label) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == label) {
                return i;
            }
        }
        return -1;
    }

    private static String label(int label) {
        return label >= ELLIPSIS ? "..." : String.valueOf((char) label);
    }
}
