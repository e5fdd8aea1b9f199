package io.keras4j.losses;

import io.keras4j.backend.Backend;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * The negative cosine similarity, as keras/src/losses/losses.py {@code cosine_similarity} ("cosine_similarity"):
 * {@code loss = -sum(l2_normalize(y_true) * l2_normalize(y_pred), axis)}, where
 * {@code l2_normalize(x) = x / sqrt(max(sum(x^2), epsilon))} (keras/src/ops/nn.py {@code normalize}). Values lie
 * in [-1, 1]; -1 means the same direction. Only the last axis (-1, the default) is supported.
 */
public class CosineSimilarity extends Loss {
    public CosineSimilarity() {
        super("cosine_similarity");
    }

    /** Keras's {@code CosineSimilarity(axis)}; only -1 is supported. */
    public CosineSimilarity(int axis) {
        this();
        if (axis != -1) {
            throw new IllegalArgumentException("CosineSimilarity: only axis=-1 is supported, got axis=" + axis);
        }
    }

    private static INDArray inverseNorm(INDArray a) {
        return Transforms.pow(Transforms.max(a.mul(a).sum(true, 1), Backend.epsilon(), false), -0.5, false);
    }

    @Override
    protected INDArray rowLosses(INDArray yTrue, INDArray yPred) {
        INDArray t = yTrue.mulColumnVector(inverseNorm(yTrue));
        INDArray p = yPred.mulColumnVector(inverseNorm(yPred));
        return t.muli(p).sum(1).negi();
    }

    @Override
    protected INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights) {
        // u = p * r with r = max(|p|^2, eps)^-1/2; l = -t_hat . u.
        // dl/dp = -r t_hat + r^3 (t_hat . p) p where |p|^2 > eps, else -r t_hat
        double eps = Backend.epsilon();
        INDArray sq = yPred.mul(yPred).sum(true, 1);
        INDArray r = Transforms.pow(Transforms.max(sq, eps, true), -0.5, false);
        INDArray t = yTrue.mulColumnVector(inverseNorm(yTrue));
        INDArray dot = t.mul(yPred).sum(true, 1);
        INDArray active = sq.gt(eps).castTo(sq.dataType());
        INDArray coefficient = Transforms.pow(r, 3, true).muli(dot).muli(active);
        return yPred.mulColumnVector(coefficient).subi(t.mulColumnVector(r)).muliColumnVector(weights);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("axis", -1);
        return config;
    }
}
