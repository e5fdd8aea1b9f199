package io.keras4j.losses;

import io.keras4j.backend.Backend;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * Crossentropy between one-hot (or soft) targets and predicted class probabilities, as
 * keras/src/losses/losses.py {@code CategoricalCrossentropy} ("categorical_crossentropy").
 *
 * <p>From probabilities (the default), as the backends' {@code categorical_crossentropy}: the predictions
 * are renormalized to sum to 1, clipped to [epsilon, 1 - epsilon] (epsilon = 1e-7) and
 * {@code loss = -sum(y * log(p))}. From logits: {@code loss = -sum(y * log_softmax(z))}. With
 * {@code labelSmoothing = s}: {@code y = y * (1 - s) + s / classes}.
 */
public class CategoricalCrossentropy extends Loss {
    private boolean fromLogits;
    private double labelSmoothing;

    public CategoricalCrossentropy() {
        super("categorical_crossentropy");
    }

    /** Whether predictions are logits rather than probabilities (default false). */
    public CategoricalCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    /** Label smoothing in [0, 1] (default 0). */
    public CategoricalCrossentropy labelSmoothing(double labelSmoothing) {
        if (labelSmoothing < 0 || labelSmoothing > 1) {
            throw new IllegalArgumentException("CategoricalCrossentropy: `label_smoothing` must be in [0, 1], got " + labelSmoothing);
        }
        this.labelSmoothing = labelSmoothing;
        return this;
    }

    private INDArray smooth(INDArray y) {
        if (labelSmoothing == 0) {
            return y;
        }
        return y.mul(1 - labelSmoothing).addi(labelSmoothing / y.size(1));
    }

    @Override
    protected INDArray rowLosses(INDArray yTrue, INDArray yPred) {
        INDArray y = smooth(yTrue);
        INDArray logP;
        if (fromLogits) {
            logP = Nd4j.exec(new LogSoftMax(yPred, 1))[0];
        } else {
            logP = Transforms.log(clipped(yPred), false);
        }
        return logP.muli(y).sum(1).negi();
    }

    /** p / sum(p), clipped to [eps, 1 - eps]. */
    private static INDArray clipped(INDArray p) {
        double eps = Backend.epsilon();
        INDArray q = p.divColumnVector(p.sum(true, 1));
        return Transforms.max(Transforms.min(q, 1 - eps, false), eps, false);
    }

    @Override
    protected INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights) {
        INDArray y = smooth(yTrue);
        if (fromLogits) {
            // d/dz (-sum y log softmax z) = softmax(z) * sum(y) - y
            INDArray p = Nd4j.exec(new SoftMax(yPred, yPred.ulike(), 1))[0];
            return p.mulColumnVector(y.sum(true, 1)).subi(y).muliColumnVector(weights);
        }
        // l = -sum_j y_j log clip(q_j), q = p / s. dl/dq_j = -y_j / q_j inside the clip range, else 0;
        // dl/dp_k = (dl/dq_k - sum_j dl/dq_j q_j) / s.
        double eps = Backend.epsilon();
        INDArray s = yPred.sum(true, 1);
        INDArray q = yPred.divColumnVector(s);
        INDArray inside = q.gte(eps).castTo(q.dataType()).muli(q.lte(1 - eps).castTo(q.dataType()));
        // divide by the clipped q, so a probability of exactly 0 gives 0 (not 0 / 0 or inf * 0 = NaN)
        INDArray g = y.div(Transforms.max(q, eps, true)).negi().muli(inside);
        INDArray gq = g.mul(q).sum(true, 1);
        return g.subiColumnVector(gq).diviColumnVector(s).muliColumnVector(weights);
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
