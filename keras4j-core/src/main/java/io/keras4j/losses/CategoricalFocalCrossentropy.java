package io.keras4j.losses;

import java.util.Map;

/**
 * Categorical crossentropy down-weighting easy examples, as keras/src/losses/losses.py
 * {@code CategoricalFocalCrossentropy} and {@code categorical_focal_crossentropy} ("categorical_focal_crossentropy").
 *
 * <p>With {@code y} smoothed ({@code y (1 - s) + s / classes}), the probabilities (the softmax of the logits when
 * {@code fromLogits}) renormalized to sum to 1 and clipped to [epsilon, 1 - epsilon] as {@code q}:
 * {@code loss = sum(alpha (1 - q)^gamma (-y log q))} over the last axis.
 */
public class CategoricalFocalCrossentropy extends FocalLoss<CategoricalFocalCrossentropy> {
    public CategoricalFocalCrossentropy() {
        super("categorical_focal_crossentropy");
    }

    @Override
    double row(Rows x, int from, double scale) {
        int n = x.columns;
        double[] p = x.scratch;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, x.p[from + k]);
        }
        double s = 0;
        for (int k = 0; k < n; k++) {
            p[k] = fromLogits ? Math.exp(x.p[from + k] - max) : x.p[from + k];
            s += p[k];
        }
        if (fromLogits) {
            for (int k = 0; k < n; k++) {
                p[k] /= s;
            }
            s = 1;
        }
        double loss = 0;
        double gq = 0;
        for (int k = 0; k < n; k++) {
            double y = x.t[from + k] * (1 - labelSmoothing) + labelSmoothing / n;
            double q = p[k] / s;
            double c = x.clip(q);
            double focal = Math.pow(1 - c, gamma);
            loss -= alpha * focal * y * Math.log(c);
            if (x.grad != null) {
                // d/dc of -alpha y (1 - c)^gamma log c, zero outside the clip range
                double dFocal = gamma == 0 ? 0 : gamma * Math.pow(1 - c, gamma - 1);
                double g = x.inside(q) ? alpha * y * (dFocal * Math.log(c) - focal / c) : 0;
                x.grad[from + k] = g;
                gq += g * q;
            }
        }
        if (x.grad != null) {
            // through q = p / s, then through the softmax: dz_k = p_k (dp_k - sum_j dp_j p_j)
            double gp = 0;
            for (int k = 0; k < n; k++) {
                x.grad[from + k] = (x.grad[from + k] - gq) / s;
                gp += x.grad[from + k] * p[k];
            }
            for (int k = 0; k < n; k++) {
                double g = x.grad[from + k];
                x.grad[from + k] = scale * (fromLogits ? p[k] * (g - gp) : g);
            }
        }
        return loss;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        putFocalConfig(config);
        return config;
    }
}
