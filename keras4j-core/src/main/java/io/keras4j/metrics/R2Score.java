package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Map;

/**
 * The coefficient of determination, as keras/src/metrics/regression_metrics.py {@code R2Score}: per output
 * column {@code 1 - sum(w * (y - y_pred)^2) / (sum(w * y^2) - sum(w * y)^2 / sum(w))} (0 where the
 * variance is 0), aggregated by {@code class_aggregation} "uniform_average" (default, the mean),
 * "variance_weighted_average" or null (one score per column: {@link #resultValues()}). With
 * {@code num_regressors} p &gt; 0 the adjusted score {@code 1 - (1 - r2) (n - 1) / (n - p - 1)} is returned
 * (n = samples with a non-zero weight) when {@code p < n - 1}.
 */
public class R2Score extends Metric {
    private final String classAggregation;
    private final int numRegressors;
    private double[] sum;
    private double[] squaredSum;
    private double[] residual;
    private double[] count;
    private double numSamples;

    /** "uniform_average", no regressors, as Keras. */
    public R2Score() {
        this("uniform_average", 0);
    }

    public R2Score(String classAggregation, int numRegressors) {
        super("r2_score");
        if (classAggregation != null && !classAggregation.equals("uniform_average")
                && !classAggregation.equals("variance_weighted_average")) {
            throw new IllegalArgumentException("R2Score: invalid `class_aggregation` '" + classAggregation
                    + "'; expected null, 'uniform_average' or 'variance_weighted_average'");
        }
        if (numRegressors < 0) {
            throw new IllegalArgumentException("R2Score: argument `num_regressors` must be >= 0, got " + numRegressors);
        }
        this.classAggregation = classAggregation;
        this.numRegressors = numRegressors;
    }

    @Override
    public void updateState(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        INDArray p = yPred.rank() == 1 ? yPred.reshape(yPred.length(), 1) : yPred;
        if (p.rank() != 2) {
            throw new IllegalArgumentException("R2Score expects 2D inputs with shape (batch_size, output_dim), got "
                    + "y_pred.shape=" + Arrays.toString(yPred.shape()));
        }
        int rows = (int) p.size(0);
        int cols = (int) p.size(1);
        if (sum == null) {
            sum = new double[cols];
            squaredSum = new double[cols];
            residual = new double[cols];
            count = new double[cols];
        }
        double[] t = MetricUtils.doubles(MetricUtils.sameShape(yTrue, p.shape(), name()));
        double[] pr = MetricUtils.doubles(p);
        double[] w = MetricUtils.elementWeights(sampleWeight, p.shape(), name());
        for (int r = 0; r < rows; r++) {
            boolean nonzero = false;
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                sum[c] += t[i] * w[i];
                squaredSum[c] += t[i] * t[i] * w[i];
                residual[c] += (t[i] - pr[i]) * (t[i] - pr[i]) * w[i];
                count[c] += w[i];
                nonzero |= w[i] != 0;
            }
            numSamples += nonzero ? 1 : 0;
        }
    }

    @Override
    public double[] resultValues() {
        if (sum == null) {
            return new double[]{0.0};
        }
        double[] raw = new double[sum.length];
        double[] total = new double[sum.length];
        for (int c = 0; c < raw.length; c++) {
            double mean = sum[c] / count[c];
            total[c] = squaredSum[c] - sum[c] * mean;
            raw[c] = 1 - residual[c] / total[c];
            if (Double.isInfinite(raw[c])) {
                raw[c] = 0;
            }
        }
        if (classAggregation == null) {
            return raw;
        }
        double r2;
        if (classAggregation.equals("uniform_average")) {
            r2 = Arrays.stream(raw).average().orElse(0);
        } else {
            double weighted = 0;
            for (int c = 0; c < raw.length; c++) {
                weighted += total[c] * raw[c];
            }
            r2 = weighted / Arrays.stream(total).sum();
        }
        if (numRegressors != 0 && numRegressors < numSamples - 1) {
            r2 = 1 - (1 - r2) * (numSamples - 1) / (numSamples - numRegressors - 1);
        }
        return new double[]{r2};
    }

    /** The aggregated score; with {@code class_aggregation} null use {@link #resultValues()}. */
    @Override
    public double result() {
        if (classAggregation == null) {
            throw new IllegalStateException("R2Score with class_aggregation=None has one score per output: call resultValues()");
        }
        return resultValues()[0];
    }

    @Override
    public void resetState() {
        sum = null;
        squaredSum = null;
        residual = null;
        count = null;
        numSamples = 0;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("class_aggregation", classAggregation);
        config.put("num_regressors", numRegressors);
        return config;
    }
}
