package io.keras4j.spark;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The samples of one RDD partition stacked into one float array per model input and target (plus the sample
 * weights), cached on its executor for the whole {@code fit}. Each epoch the partition's rows are shuffled with a
 * seed made of the fit's seed, the epoch and the partition index, so a retried task picks the same rows.
 */
final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    final int rows;
    private final float[][] inputs;
    private final long[][] inputShapes;
    private final float[][] targets;
    private final long[][] targetShapes;
    /** Null when every weight is 1. */
    private final float[] weights;
    private transient int[] order;
    private transient int orderEpoch;
    private transient long orderSeed;

    private Shard(int partition, int rows, float[][] inputs, long[][] inputShapes, float[][] targets, long[][] targetShapes,
                  float[] weights) {
        this.partition = partition;
        this.rows = rows;
        this.inputs = inputs;
        this.inputShapes = inputShapes;
        this.targets = targets;
        this.targetShapes = targetShapes;
        this.weights = weights;
    }

    /** Stacks the samples of partition {@code partition}; all must have the shapes of the first. */
    static Shard of(int partition, Iterator<Sample> samples) {
        List<Sample> list = new ArrayList<>();
        samples.forEachRemaining(list::add);
        if (list.isEmpty()) {
            return new Shard(partition, 0, null, null, null, null, null);
        }
        Sample first = list.get(0);
        float[][] in = new float[first.inputCount()][];
        long[][] inShapes = new long[in.length][];
        for (int i = 0; i < in.length; i++) {
            inShapes[i] = first.inputShape(i);
            in[i] = new float[first.input(i).length * list.size()];
        }
        float[][] out = new float[first.targetCount()][];
        long[][] outShapes = new long[out.length][];
        for (int i = 0; i < out.length; i++) {
            outShapes[i] = first.targetShape(i);
            out[i] = new float[first.target(i).length * list.size()];
        }
        float[] w = null;
        for (int r = 0; r < list.size(); r++) {
            Sample s = list.get(r);
            check(s, first, partition, r);
            for (int i = 0; i < in.length; i++) {
                System.arraycopy(s.input(i), 0, in[i], r * s.input(i).length, s.input(i).length);
            }
            for (int i = 0; i < out.length; i++) {
                System.arraycopy(s.target(i), 0, out[i], r * s.target(i).length, s.target(i).length);
            }
            if (s.weight() != 1f && w == null) {
                w = new float[list.size()];
                Arrays.fill(w, 1f);
            }
            if (w != null) {
                w[r] = s.weight();
            }
        }
        return new Shard(partition, list.size(), in, inShapes, out, outShapes, w);
    }

    private static void check(Sample s, Sample first, int partition, int row) {
        boolean same = s.inputCount() == first.inputCount() && s.targetCount() == first.targetCount();
        for (int i = 0; same && i < s.inputCount(); i++) {
            same = Arrays.equals(s.inputShape(i), first.inputShape(i));
        }
        for (int i = 0; same && i < s.targetCount(); i++) {
            same = Arrays.equals(s.targetShape(i), first.targetShape(i));
        }
        if (!same) {
            throw new IllegalArgumentException("SparkModel: every Sample must have the input and target shapes of the first; "
                    + "sample " + row + " of partition " + partition + " is " + s + ", the first is " + first);
        }
    }

    int inputCount() {
        return inputs == null ? 0 : inputs.length;
    }

    long[] inputShape(int i) {
        return inputShapes[i];
    }

    long[] targetShape(int i) {
        return targetShapes[i];
    }

    /**
     * The rows this partition contributes to step {@code step} of {@code steps} in an epoch: its {@code step}-th
     * equal slice ({@code floor(step * rows / steps)} up to {@code floor((step + 1) * rows / steps)}) of the
     * epoch's order, so every row is used once per epoch and each global batch holds each partition's share.
     */
    static int[] slice(int rows, int step, int steps) {
        return range((int) ((long) step * rows / steps), (int) ((long) (step + 1) * rows / steps));
    }

    /** The rows of {@link #slice} in the epoch's order: shuffled per epoch with {@code seed} unless {@code shuffle} is off. */
    synchronized int[] rowsOfStep(int epoch, int step, int steps, boolean shuffle, long seed) {
        int[] positions = slice(rows, step, steps);
        if (!shuffle) {
            return positions;
        }
        if (order == null || orderEpoch != epoch || orderSeed != seed) {
            order = permutation(rows, seed ^ (epoch * 0x9E3779B97F4A7C15L) ^ ((long) partition << 32));
            orderEpoch = epoch;
            orderSeed = seed;
        }
        int[] out = new int[positions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = order[positions[i]];
        }
        return out;
    }

    private static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The given rows of every input, as arrays {@code (rows.length, shape...)}. */
    INDArray[] inputs(int[] rowIndices) {
        return gather(inputs, inputShapes, rowIndices);
    }

    /** The given rows of every target. */
    INDArray[] targets(int[] rowIndices) {
        return gather(targets, targetShapes, rowIndices);
    }

    /** The sample weights of the given rows as a vector, or null when they are all 1. */
    INDArray weights(int[] rowIndices) {
        if (weights == null) {
            return null;
        }
        float[] w = new float[rowIndices.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights[rowIndices[i]];
        }
        return Nd4j.createFromArray(w);
    }

    /** Rows from {@code from} (inclusive) to {@code to}, in stored order. */
    static int[] range(int from, int to) {
        int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    private INDArray[] gather(float[][] data, long[][] shapes, int[] rowIndices) {
        INDArray[] out = new INDArray[data.length];
        for (int i = 0; i < data.length; i++) {
            int size = (int) (data[i].length / rows);
            float[] picked = new float[size * rowIndices.length];
            for (int r = 0; r < rowIndices.length; r++) {
                System.arraycopy(data[i], rowIndices[r] * size, picked, r * size, size);
            }
            long[] shape = new long[shapes[i].length + 1];
            shape[0] = rowIndices.length;
            System.arraycopy(shapes[i], 0, shape, 1, shapes[i].length);
            out[i] = Nd4j.create(picked, shape, 'c');
        }
        return out;
    }
}
