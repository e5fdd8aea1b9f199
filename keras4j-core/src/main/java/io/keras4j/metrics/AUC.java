package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.Map;

/**
 * The area under the ROC or precision-recall curve, approximated by a Riemann sum over thresholds, as
 * keras/src/metrics/confusion_metrics.py {@code AUC}.
 *
 * <p>Thresholds are {@code [-epsilon, 1/(n-1), ..., (n-2)/(n-1), 1+epsilon]} for {@code num_thresholds} n
 * (default 200), or the given ones between {@code -epsilon} and {@code 1+epsilon}. The confusion counts per
 * threshold give, for curve "ROC", {@code x = fp/(fp+tn)}, {@code y = tp/(tp+fn)}; for "PR",
 * {@code x = recall}, {@code y = precision}. {@code summation_method} "interpolation" (default) sums
 * {@code (x[i] - x[i+1]) * (y[i] + y[i+1]) / 2} (for PR: Davis and Goadrich's interpolation,
 * {@code interpolate_pr_auc}), "minoring" and "majoring" use the min or max of the two heights. Labels
 * are flattened (single-label form). {@code from_logits} applies a sigmoid first.
 */
public class AUC extends Metric {
    private final int numThresholds;
    private final double[] thresholds;
    private final boolean evenlyDistributed;
    private String curve = "ROC";
    private String summationMethod = "interpolation";
    private boolean fromLogits;
    private final ConfusionMatrix counts;

    /** 200 thresholds, ROC curve, interpolation, as Keras. */
    public AUC() {
        this(200);
    }

    public AUC(int numThresholds) {
        this(numThresholds, null);
    }

    /** The given thresholds (each in [0, 1]) between {@code -epsilon} and {@code 1 + epsilon}. */
    public AUC(double... thresholds) {
        this(thresholds.length + 2, thresholds);
    }

    private AUC(int numThresholds, double[] given) {
        super("auc");
        if (numThresholds <= 1) {
            throw new IllegalArgumentException("AUC: argument `num_thresholds` must be > 1, got " + numThresholds);
        }
        this.numThresholds = numThresholds;
        double eps = io.keras4j.backend.Backend.epsilon();
        double[] inner;
        if (given == null) {
            inner = new double[numThresholds - 2];
            for (int i = 0; i < inner.length; i++) {
                inner[i] = (i + 1) * 1.0 / (numThresholds - 1);
            }
        } else {
            for (double t : given) {
                if (!(t >= 0 && t <= 1)) {
                    throw new IllegalArgumentException("AUC: threshold values must be in [0, 1], got " + Arrays.toString(given));
                }
            }
            inner = given.clone();
            Arrays.sort(inner);
        }
        thresholds = new double[numThresholds];
        thresholds[0] = -eps;
        System.arraycopy(inner, 0, thresholds, 1, inner.length);
        thresholds[numThresholds - 1] = 1 + eps;
        evenlyDistributed = given == null;
        counts = new ConfusionMatrix(numThresholds);
    }

    /** "ROC" (default) or "PR", as Keras's {@code curve=}. */
    public AUC curve(String curve) {
        String c = curve.toUpperCase();
        if (!c.equals("ROC") && !c.equals("PR")) {
            throw new IllegalArgumentException("AUC: invalid `curve` '" + curve + "'; expected 'ROC' or 'PR'");
        }
        this.curve = c;
        return this;
    }

    /** "interpolation" (default), "minoring" or "majoring", as Keras's {@code summation_method=}. */
    public AUC summationMethod(String method) {
        String m = method.toLowerCase();
        if (!m.equals("interpolation") && !m.equals("minoring") && !m.equals("majoring")) {
            throw new IllegalArgumentException("AUC: invalid `summation_method` '" + method
                    + "'; expected 'interpolation', 'minoring' or 'majoring'");
        }
        this.summationMethod = m;
        return this;
    }

    /** Whether predictions are logits (a sigmoid is applied first), as Keras's {@code from_logits=}. */
    public AUC fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    /** The thresholds, including the two outer ones. */
    public double[] thresholds() {
        return thresholds.clone();
    }

    @Override
    public void updateState(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        INDArray p = fromLogits ? Transforms.sigmoid(yPred, true) : yPred;
        ConfusionMatrix.Batch batch = ConfusionMatrix.Batch.of(yTrue, p, sampleWeight, null, null, name());
        if (evenlyDistributed) {
            counts.updateEvenlyDistributed(batch);
        } else {
            counts.update(batch, thresholds);
        }
    }

    @Override
    public double result() {
        if (curve.equals("PR") && summationMethod.equals("interpolation")) {
            return interpolatePrAuc();
        }
        int n = numThresholds;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double recall = MetricUtils.divideNoNan(counts.tp[i], counts.tp[i] + counts.fn[i]);
            if (curve.equals("ROC")) {
                x[i] = MetricUtils.divideNoNan(counts.fp[i], counts.fp[i] + counts.tn[i]);
                y[i] = recall;
            } else {
                x[i] = recall;
                y[i] = MetricUtils.divideNoNan(counts.tp[i], counts.tp[i] + counts.fp[i]);
            }
        }
        double auc = 0;
        for (int i = 0; i < n - 1; i++) {
            double height;
            if (summationMethod.equals("interpolation")) {
                height = (y[i] + y[i + 1]) / 2.0;
            } else if (summationMethod.equals("minoring")) {
                height = Math.min(y[i], y[i + 1]);
            } else {
                height = Math.max(y[i], y[i + 1]);
            }
            auc += (x[i] - x[i + 1]) * height;
        }
        return auc;
    }

    /** keras/src/metrics/confusion_metrics.py {@code interpolate_pr_auc}. */
    private double interpolatePrAuc() {
        double[] tp = counts.tp;
        double[] fn = counts.fn;
        double auc = 0;
        for (int i = 0; i < numThresholds - 1; i++) {
            double pA = tp[i] + counts.fp[i];
            double pB = tp[i + 1] + counts.fp[i + 1];
            double dtp = tp[i] - tp[i + 1];
            double dp = pA - pB;
            double slope = MetricUtils.divideNoNan(dtp, Math.max(dp, 0));
            double intercept = tp[i + 1] - slope * pB;
            double ratio = pA > 0 && pB > 0 ? MetricUtils.divideNoNan(pA, Math.max(pB, 0)) : 1.0;
            auc += MetricUtils.divideNoNan(slope * (dtp + intercept * Math.log(ratio)), Math.max(tp[i + 1] + fn[i + 1], 0));
        }
        return auc;
    }

    @Override
    public void resetState() {
        counts.reset();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("num_thresholds", numThresholds);
        config.put("curve", curve);
        config.put("summation_method", summationMethod);
        config.put("multi_label", false);
        config.put("num_labels", null);
        config.put("label_weights", null);
        config.put("from_logits", fromLogits);
        if (!evenlyDistributed) {
            config.put("thresholds", Arrays.copyOfRange(thresholds, 1, numThresholds - 1));
        }
        return config;
    }
}
