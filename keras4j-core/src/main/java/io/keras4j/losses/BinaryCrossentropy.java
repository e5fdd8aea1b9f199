package io.keras4j.losses;

/**
 * Crossentropy between binary targets and predicted probabilities, as keras/src/losses/losses.py
 * {@code BinaryCrossentropy} ("binary_crossentropy"), averaged over the last axis.
 *
 * <p>From probabilities: p is clipped to [epsilon, 1 - epsilon] and
 * {@code loss = -mean(y log p + (1 - y) log(1 - p))}. From logits z:
 * {@code loss = mean(max(z, 0) - z y + log(1 + exp(-|z|)))}. With {@code labelSmoothing = s}:
 * {@code y = y (1 - s) + s / 2}.
 */
public class BinaryCrossentropy extends CrossentropyLoss<BinaryCrossentropy> {
    public BinaryCrossentropy() {
        super("binary_crossentropy");
    }

    @Override
    double row(Rows x, int from, double scale) {
        int n = x.columns;
        double loss = 0;
        for (int j = from; j < from + n; j++) {
            double y = x.t[j] * (1 - labelSmoothing) + labelSmoothing / 2;
            double p = x.p[j];
            loss += fromLogits ? logitsValue(y, p) : value(x, y, p);
            if (x.grad != null) {
                x.grad[j] = scale / n * (fromLogits ? sigmoid(p) - y : derivative(x, y, p));
            }
        }
        return loss / n;
    }

    /** {@code -(y log p + (1 - y) log(1 - p))} with p clipped to the range of x. */
    static double value(Rows x, double y, double p) {
        double c = x.clip(p);
        return -(y * Math.log(c) + (1 - y) * Math.log(1 - c));
    }

    /** The derivative of {@link #value} in p: {@code (p - y) / (p (1 - p))} inside the clip range, else 0. */
    static double derivative(Rows x, double y, double p) {
        return x.inside(p) ? (p - y) / (p * (1 - p)) : 0;
    }

    /** The crossentropy from a logit z: {@code max(z, 0) - z y + log(1 + exp(-|z|))}. */
    static double logitsValue(double y, double z) {
        return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
