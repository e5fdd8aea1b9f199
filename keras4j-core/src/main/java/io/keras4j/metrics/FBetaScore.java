package io.keras4j.metrics;

import io.keras4j.backend.Backend;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Map;

/**
 * The F-beta score, as keras/src/metrics/f_score_metrics.py {@code FBetaScore}:
 * {@code (1 + beta^2) * precision * recall / (beta^2 * precision + recall + epsilon)} per class, with
 * {@code precision = tp / (tp + fp + epsilon)}, {@code recall = tp / (tp + fn + epsilon)}.
 *
 * <p>Inputs are {@code [batch, classes]}. A prediction is positive above {@code threshold}; without a
 * threshold (the default) the largest prediction of each row is positive (when above 1e-9).
 * {@code average}: null (default, one score per class: {@link #resultValues()}), "micro" (counts
 * pooled over classes), "macro" (mean of the class scores) or "weighted" (class scores weighted by
 * their number of true labels).
 */
public class FBetaScore extends Metric {
    private final String average;
    private final double beta;
    private final Double threshold;
    private double[] tp;
    private double[] fp;
    private double[] fn;
    private double[] support;

    /** average None, beta 1, threshold None, as Keras. */
    public FBetaScore() {
        this(null, 1.0, null);
    }

    public FBetaScore(String average, double beta, Double threshold) {
        this(average, beta, threshold, "fbeta_score");
    }

    FBetaScore(String average, double beta, Double threshold, String name) {
        super(name);
        if (average != null && !Arrays.asList("micro", "macro", "weighted").contains(average)) {
            throw new IllegalArgumentException("Metric \"" + name + "\": invalid `average` '" + average
                    + "'; expected one of null, 'micro', 'macro', 'weighted'");
        }
        if (!(beta > 0)) {
            throw new IllegalArgumentException("Metric \"" + name + "\": argument `beta` must be > 0, got " + beta);
        }
        if (threshold != null && !(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("Metric \"" + name + "\": argument `threshold` must be in (0, 1], got " + threshold);
        }
        this.average = average;
        this.beta = beta;
        this.threshold = threshold;
    }

    @Override
    public void updateState(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        if (yPred.rank() != 2 || yTrue.rank() != 2) {
            throw new IllegalArgumentException("Metric \"" + name() + "\" expects 2D inputs with shape (batch_size, output_dim), got "
                    + "y_pred.shape=" + Arrays.toString(yPred.shape()) + " and y_true.shape=" + Arrays.toString(yTrue.shape()));
        }
        int rows = (int) yPred.size(0);
        int classes = (int) yPred.size(1);
        if (tp == null) {
            int width = average != null && average.equals("micro") ? 1 : classes;
            tp = new double[width];
            fp = new double[width];
            fn = new double[width];
            support = new double[width];
        }
        double[] t = MetricUtils.doubles(MetricUtils.sameShape(yTrue, yPred.shape(), name()));
        double[] p = MetricUtils.doubles(yPred);
        double[] w = MetricUtils.elementWeights(sampleWeight, yPred.shape(), name());
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, (float) p[r * classes + c]);
            }
            for (int c = 0; c < classes; c++) {
                int i = r * classes + c;
                float pi = (float) p[i];
                double pos = threshold == null ? (pi >= max && Math.abs(pi) > 1e-9 ? 1 : 0) : (pi > threshold.floatValue() ? 1 : 0);
                int k = tp.length == 1 ? 0 : c;
                tp[k] += pos * t[i] * w[i];
                fp[k] += pos * (1 - t[i]) * w[i];
                fn[k] += (1 - pos) * t[i] * w[i];
                support[k] += t[i] * w[i];
            }
        }
    }

    /** The score per class (average null), or the single averaged score. */
    @Override
    public double[] resultValues() {
        if (tp == null) {
            return new double[]{0.0};
        }
        double eps = Backend.epsilon();
        double b2 = beta * beta;
        double[] f = new double[tp.length];
        for (int i = 0; i < f.length; i++) {
            double precision = tp[i] / (tp[i] + fp[i] + eps);
            double recall = tp[i] / (tp[i] + fn[i] + eps);
            f[i] = precision * recall / (b2 * precision + recall + eps) * (1 + b2);
        }
        if (average == null) {
            return f;
        }
        double total = 0;
        if (average.equals("weighted")) {
            double supportSum = Arrays.stream(support).sum();
            for (int i = 0; i < f.length; i++) {
                total += f[i] * support[i] / (supportSum + eps);
            }
            return new double[]{total};
        }
        return new double[]{Arrays.stream(f).average().orElse(0)};
    }

    /** The averaged score; with {@code average} null the result is per class: use {@link #resultValues()}. */
    @Override
    public double result() {
        if (average == null) {
            throw new IllegalStateException("Metric \"" + name() + "\" has average=None: its result is one score per class; "
                    + "call resultValues() or set average to 'micro', 'macro' or 'weighted'");
        }
        return resultValues()[0];
    }

    @Override
    public void resetState() {
        tp = null;
        fp = null;
        fn = null;
        support = null;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("beta", beta);
        config.put("average", average);
        config.put("threshold", threshold);
        return config;
    }
}
