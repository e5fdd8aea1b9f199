package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Weighted true/false positive/negative counts per threshold, as keras/src/metrics/metrics_utils.py
 * {@code update_confusion_matrix_variables}: a value is predicted positive when {@code y_pred > threshold}
 * (in float32, as Keras's variables), a label is positive when non-zero. Every element of the flattened
 * arrays counts, weighted by its sample weight.
 */
final class ConfusionMatrix {
    /** Keras's {@code metrics_utils.NEG_INF}, the threshold of top-k metrics and the value of filtered entries. */
    static final double NEG_INF = -1e10;

    final double[] tp;
    final double[] fp;
    final double[] tn;
    final double[] fn;

    ConfusionMatrix(int thresholds) {
        tp = new double[thresholds];
        fp = new double[thresholds];
        tn = new double[thresholds];
        fn = new double[thresholds];
    }

    void reset() {
        Arrays.fill(tp, 0);
        Arrays.fill(fp, 0);
        Arrays.fill(tn, 0);
        Arrays.fill(fn, 0);
    }

    /** The labels, predictions and weights of one batch, flattened, after {@code top_k} and {@code class_id}. */
    static final class Batch {
        final double[] labels;
        final double[] preds;
        final double[] weights;

        private Batch(double[] labels, double[] preds, double[] weights) {
            this.labels = labels;
            this.preds = preds;
            this.weights = weights;
        }

        static Batch of(INDArray yTrue, INDArray yPred, INDArray sampleWeight, Integer topK, Integer classId, String metric) {
            long[] shape = yPred.shape();
            double[] t = MetricUtils.doubles(MetricUtils.sameShape(yTrue, shape, metric));
            double[] p = MetricUtils.doubles(yPred);
            double[] w = MetricUtils.elementWeights(sampleWeight, shape, metric);
            int last = shape.length == 0 ? 1 : (int) shape[shape.length - 1];
            if (topK != null) {
                filterTopK(p, last, topK);
            }
            if (classId != null) {
                if (shape.length < 2) {
                    throw new IllegalArgumentException("Metric \"" + metric + "\": when class_id is provided, y_pred must be "
                            + "a 2D array with shape (num_samples, num_classes), found shape: " + Arrays.toString(shape));
                }
                if (classId < 0 || classId >= last) {
                    throw new IllegalArgumentException("Metric \"" + metric + "\": class_id " + classId
                            + " is outside the " + last + " classes of y_pred");
                }
                t = column(t, last, classId);
                p = column(p, last, classId);
                w = column(w, last, classId);
            }
            return new Batch(t, p, w);
        }

        private static double[] column(double[] a, int width, int c) {
            double[] out = new double[a.length / width];
            for (int i = 0; i < out.length; i++) {
                out[i] = a[i * width + c];
            }
            return out;
        }

        /** Keeps the k largest of each row (ties: lower index first, as {@code ops.top_k}); the rest become NEG_INF. */
        private static void filterTopK(double[] p, int width, int k) {
            for (int r = 0; r < p.length / width; r++) {
                Integer[] idx = new Integer[width];
                for (int c = 0; c < width; c++) {
                    idx[c] = c;
                }
                int row = r * width;
                Arrays.sort(idx, (a, b) -> Double.compare(p[row + b], p[row + a]));
                for (int j = k; j < width; j++) {
                    p[row + idx[j]] = NEG_INF;
                }
            }
        }
    }

    /** Adds one batch, comparing each prediction with every threshold. */
    void update(Batch batch, double[] thresholds) {
        for (int i = 0; i < batch.preds.length; i++) {
            float p = (float) batch.preds[i];
            boolean label = batch.labels[i] != 0;
            double w = batch.weights[i];
            for (int j = 0; j < thresholds.length; j++) {
                boolean pos = p > (float) thresholds[j];
                if (label) {
                    if (pos) {
                        tp[j] += w;
                    } else {
                        fn[j] += w;
                    }
                } else if (pos) {
                    fp[j] += w;
                } else {
                    tn[j] += w;
                }
            }
        }
    }

    /**
     * Adds one batch for evenly spaced thresholds {@code [-eps, 1/(n-1), ..., 1+eps]}, as
     * {@code _update_confusion_matrix_variables_optimized}: predictions clipped to [0, 1] fall in bucket
     * {@code max(ceil(p * (n - 1)) - 1, 0)} and count as positive for every threshold up to their bucket.
     */
    void updateEvenlyDistributed(Batch batch) {
        int n = tp.length;
        double[] tpBucket = new double[n];
        double[] fpBucket = new double[n];
        double totalTrue = 0;
        double totalFalse = 0;
        for (int i = 0; i < batch.preds.length; i++) {
            float p = Math.min(1f, Math.max(0f, (float) batch.preds[i]));
            int bucket = Math.max(0, (int) Math.ceil(p * (float) (n - 1)) - 1);
            double w = batch.weights[i];
            if (batch.labels[i] != 0) {
                tpBucket[bucket] += w;
                totalTrue += w;
            } else {
                fpBucket[bucket] += w;
                totalFalse += w;
            }
        }
        double cumTp = 0;
        double cumFp = 0;
        for (int j = n - 1; j >= 0; j--) {
            cumTp += tpBucket[j];
            cumFp += fpBucket[j];
            tp[j] += cumTp;
            fp[j] += cumFp;
            tn[j] += totalFalse - cumFp;
            fn[j] += totalTrue - cumTp;
        }
    }
}
