package io.keras4j.losses;

import io.keras4j.backend.Backend;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * Crossentropy between binary targets and predicted probabilities, as keras/src/losses/losses.py
 * {@code BinaryCrossentropy} ("binary_crossentropy"), averaged over the last axis.
 *
 * <p>From probabilities: p is clipped to [epsilon, 1 - epsilon] and
 * {@code loss = -mean(y log p + (1 - y) log(1 - p))}. From logits z:
 * {@code loss = mean(max(z, 0) - z y + log(1 + exp(-|z|)))}. With {@code labelSmoothing = s}:
 * {@code y = y (1 - s) + s / 2}.
 */
public class BinaryCrossentropy extends Loss {
    private boolean fromLogits;
    private double labelSmoothing;

    public BinaryCrossentropy() {
        super("binary_crossentropy");
    }

    /** Whether predictions are logits rather than probabilities (default false). */
    public BinaryCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    /** Label smoothing in [0, 1] (default 0). */
    public BinaryCrossentropy labelSmoothing(double labelSmoothing) {
        if (labelSmoothing < 0 || labelSmoothing > 1) {
            throw new IllegalArgumentException("BinaryCrossentropy: `label_smoothing` must be in [0, 1], got " + labelSmoothing);
        }
        this.labelSmoothing = labelSmoothing;
        return this;
    }

    private INDArray smooth(INDArray y) {
        return labelSmoothing == 0 ? y : y.mul(1 - labelSmoothing).addi(labelSmoothing / 2);
    }

    @Override
    protected INDArray rowLosses(INDArray yTrue, INDArray yPred) {
        INDArray y = smooth(yTrue);
        INDArray values;
        if (fromLogits) {
            INDArray softplus = Transforms.log(Transforms.exp(Transforms.abs(yPred, true).negi(), false).addi(1.0), false);
            values = Transforms.relu(yPred, true).subi(yPred.mul(y)).addi(softplus);
        } else {
            double eps = Backend.epsilon();
            INDArray p = Transforms.max(Transforms.min(yPred, 1 - eps, true), eps, false);
            values = y.mul(Transforms.log(p, true)).addi(y.rsub(1.0).muli(Transforms.log(p.rsub(1.0), false))).negi();
        }
        return values.mean(1);
    }

    @Override
    protected INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights) {
        INDArray y = smooth(yTrue);
        double columns = yPred.size(1);
        INDArray g;
        if (fromLogits) {
            g = Transforms.sigmoid(yPred, true).subi(y);
        } else {
            // d/dp -(y log p + (1 - y) log(1 - p)) = (p - y) / (p (1 - p)) inside the clip range, else 0
            double eps = Backend.epsilon();
            INDArray inside = yPred.gte(eps).castTo(yPred.dataType()).muli(yPred.lte(1 - eps).castTo(yPred.dataType()));
            // divide by the clipped p, so a saturated p of exactly 0 or 1 gives 0 (not inf * 0 = NaN)
            INDArray p = Transforms.max(Transforms.min(yPred, 1 - eps, true), eps, false);
            g = yPred.sub(y).divi(p.mul(p.rsub(1.0))).muli(inside);
        }
        return g.divi(columns).muliColumnVector(weights);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
        config.put("axis", -1);
        return config;
    }
}
