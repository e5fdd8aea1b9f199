package io.keras4j.losses;

import java.util.Map;

/**
 * Binary crossentropy down-weighting easy examples, as keras/src/losses/losses.py {@code BinaryFocalCrossentropy}
 * and {@code binary_focal_crossentropy} ("binary_focal_crossentropy"), averaged over the last axis.
 *
 * <p>With {@code y} smoothed towards 0.5 ({@code y (1 - s) + s / 2}) and {@code p} the probability (the sigmoid of
 * the logit when {@code fromLogits}): {@code p_t = y p + (1 - y)(1 - p)}, {@code loss = mean(w (1 - p_t)^gamma bce)}
 * where bce is {@link BinaryCrossentropy}'s per-value crossentropy and {@code w = y alpha + (1 - y)(1 - alpha)}
 * when {@code applyClassBalancing}, else 1. From logits bce is computed from the logit, as the TensorFlow backend
 * does (it recovers the logits of the sigmoid; other backends clip the sigmoid first, which differs for |z| > 16).
 */
public class BinaryFocalCrossentropy extends FocalLoss<BinaryFocalCrossentropy> {
    private boolean applyClassBalancing;

    public BinaryFocalCrossentropy() {
        super("binary_focal_crossentropy");
    }

    /** Whether to weigh class 1 by alpha and class 0 by 1 - alpha (default false). */
    public BinaryFocalCrossentropy applyClassBalancing(boolean applyClassBalancing) {
        this.applyClassBalancing = applyClassBalancing;
        return this;
    }

    @Override
    double row(Rows x, int from, double scale) {
        int n = x.columns;
        double loss = 0;
        for (int j = from; j < from + n; j++) {
            double y = x.t[j] * (1 - labelSmoothing) + labelSmoothing / 2;
            double z = x.p[j];
            double p = fromLogits ? BinaryCrossentropy.sigmoid(z) : z;
            double bce = fromLogits ? BinaryCrossentropy.logitsValue(y, z) : BinaryCrossentropy.value(x, y, p);
            double base = 1 - (y * p + (1 - y) * (1 - p));
            double focal = Math.pow(base, gamma);
            double weight = applyClassBalancing ? y * alpha + (1 - y) * (1 - alpha) : 1;
            loss += weight * focal * bce;
            if (x.grad != null) {
                // d base / d p = 1 - 2 y; d bce / dz = p - y from logits
                double dFocal = gamma == 0 ? 0 : gamma * Math.pow(base, gamma - 1) * (1 - 2 * y);
                double d = fromLogits
                        ? dFocal * p * (1 - p) * bce + focal * (p - y)
                        : dFocal * bce + focal * BinaryCrossentropy.derivative(x, y, p);
                x.grad[j] = scale / n * weight * d;
            }
        }
        return loss / n;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("apply_class_balancing", applyClassBalancing);
        putFocalConfig(config);
        return config;
    }
}
