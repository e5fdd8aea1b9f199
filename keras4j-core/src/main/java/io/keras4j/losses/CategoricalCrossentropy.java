package io.keras4j.losses;

/**
 * Crossentropy between one-hot (or soft) targets and predicted class probabilities, as
 * keras/src/losses/losses.py {@code CategoricalCrossentropy} ("categorical_crossentropy").
 *
 * <p>From probabilities (the default), as the backends' {@code categorical_crossentropy}: the predictions
 * are renormalized to sum to 1, clipped to [epsilon, 1 - epsilon] (epsilon = 1e-7) and
 * {@code loss = -sum(y * log(p))}. From logits: {@code loss = -sum(y * log_softmax(z))}. With
 * {@code labelSmoothing = s}: {@code y = y * (1 - s) + s / classes}.
 */
public class CategoricalCrossentropy extends CrossentropyLoss<CategoricalCrossentropy> {
    public CategoricalCrossentropy() {
        super("categorical_crossentropy");
    }

    @Override
    double row(Rows x, int from, double scale) {
        int n = x.columns;
        double keep = 1 - labelSmoothing;
        double add = labelSmoothing / n;
        double[] g = x.grad;
        double loss = 0;
        if (fromLogits) {
            // -sum y log_softmax(z); d/dz = softmax(z) * sum(y) - y
            double max = Double.NEGATIVE_INFINITY;
            for (int j = from; j < from + n; j++) {
                max = Math.max(max, x.p[j]);
            }
            double sumExp = 0;
            double sumY = 0;
            for (int j = from; j < from + n; j++) {
                sumExp += Math.exp(x.p[j] - max);
            }
            double logSum = max + Math.log(sumExp);
            for (int j = from; j < from + n; j++) {
                double y = x.t[j] * keep + add;
                loss -= y * (x.p[j] - logSum);
                sumY += y;
            }
            if (g != null) {
                for (int j = from; j < from + n; j++) {
                    g[j] = scale * (Math.exp(x.p[j] - logSum) * sumY - (x.t[j] * keep + add));
                }
            }
            return loss;
        }
        // q = p / s clipped; dl/dq_j = -y_j / q_j inside the clip range, else 0; dl/dp_k = (dl/dq_k - sum_j dl/dq_j q_j) / s
        double s = 0;
        for (int j = from; j < from + n; j++) {
            s += x.p[j];
        }
        double gq = 0;
        for (int j = from; j < from + n; j++) {
            double y = x.t[j] * keep + add;
            double q = x.p[j] / s;
            loss -= y * Math.log(x.clip(q));
            if (g != null) {
                g[j] = x.inside(q) ? -y / q : 0;
                gq += g[j] * q;
            }
        }
        if (g != null) {
            for (int j = from; j < from + n; j++) {
                g[j] = scale * (g[j] - gq) / s;
            }
        }
        return loss;
    }
}
