package io.keras4j.metrics;

import io.keras4j.backend.FastPaths;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/** Array plumbing shared by the metrics: per-sample reductions and Keras's rank matching of targets. */
final class MetricUtils {
    private MetricUtils() {
    }

    /** The values as doubles, c order ({@link FastPaths#doubles}: one bulk buffer read where allowed). */
    static double[] doubles(INDArray a) {
        return FastPaths.doubles(a);
    }

    /**
     * The index of the largest value along the last axis of {@code a}, for every position of the other axes (c
     * order), computed on the host; the first index wins a tie, as argmax does.
     */
    static int[] argMaxLastAxis(INDArray a) {
        double[] v = doubles(a);
        int classes = (int) a.size(a.rank() - 1);
        int[] out = new int[classes == 0 ? 0 : v.length / classes];
        for (int r = 0; r < out.length; r++) {
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (v[r * classes + k] > v[r * classes + best]) {
                    best = k;
                }
            }
            out[r] = best;
        }
        return out;
    }

    /** {@code 1.0} where {@code a[i] == b[i]}, else {@code 0.0}, shaped {@code shape}, in {@code dtype}. */
    static INDArray matches(int[] a, int[] b, long[] shape, DataType dtype) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] == b[i] ? 1.0 : 0.0;
        }
        return Nd4j.createFromArray(out).reshape(shape).castTo(dtype);
    }

    /** One value per sample: the mean over every axis but the first (a scalar stays one value). */
    static double[] perSample(INDArray values) {
        return reduceRows(values, true);
    }

    /** One value per sample: the sum over every axis but the first. */
    static double[] perSampleSum(INDArray values) {
        return reduceRows(values, false);
    }

    private static double[] reduceRows(INDArray values, boolean mean) {
        double[] v = doubles(values);
        if (values.rank() <= 1) {
            return v;
        }
        int rows = (int) values.size(0);
        int per = rows == 0 ? 0 : v.length / rows;
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int j = 0; j < per; j++) {
                s += v[r * per + j];
            }
            out[r] = mean ? s / per : s;
        }
        return out;
    }

    /**
     * {@code yTrue} reshaped to the predictions' shape when they differ by a trailing axis of 1, as
     * keras/src/losses/loss.py {@code squeeze_or_expand_to_same_rank} ({@code [n]} against {@code [n, 1]}).
     */
    static INDArray sameShape(INDArray yTrue, long[] predShape, String metric) {
        long[] t = yTrue.shape();
        if (Arrays.equals(t, predShape)) {
            return yTrue;
        }
        boolean expand = t.length + 1 == predShape.length && predShape[predShape.length - 1] == 1
                && Arrays.equals(t, Arrays.copyOf(predShape, t.length));
        boolean squeeze = t.length == predShape.length + 1 && t[t.length - 1] == 1
                && Arrays.equals(predShape, Arrays.copyOf(t, predShape.length));
        if (!expand && !squeeze) {
            throw new IllegalArgumentException("Metric \"" + metric + "\" expects targets shaped like the predictions "
                    + Arrays.toString(predShape) + ", got " + Arrays.toString(t));
        }
        return yTrue.reshape(predShape);
    }

    /**
     * One weight per element of an array of {@code shape}: a scalar weight, one per sample (broadcast along
     * the trailing axes) or one per element; null gives all ones.
     */
    static double[] elementWeights(INDArray sampleWeight, long[] shape, String metric) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        double[] out = new double[(int) n];
        if (sampleWeight == null) {
            Arrays.fill(out, 1.0);
            return out;
        }
        double[] w = doubles(sampleWeight);
        long rows = shape.length == 0 ? 1 : shape[0];
        if (w.length == n) {
            return w;
        }
        if (w.length == 1 || w.length == rows) {
            int per = (int) (n / Math.max(1, rows));
            for (int i = 0; i < out.length; i++) {
                out[i] = w.length == 1 ? w[0] : w[i / Math.max(1, per)];
            }
            return out;
        }
        throw new IllegalArgumentException("Metric \"" + metric + "\": sample_weight of shape "
                + Arrays.toString(sampleWeight.shape()) + " does not broadcast to " + Arrays.toString(shape));
    }

    /** {@code a / b}, or 0 when {@code b} is 0 (Keras's {@code ops.divide_no_nan}). */
    static double divideNoNan(double a, double b) {
        return b == 0 ? 0.0 : a / b;
    }
}
