package io.keras4j.losses;

import io.keras4j.backend.Backend;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Kullback-Leibler divergence, as keras/src/losses/losses.py {@code kl_divergence} ("kl_divergence",
 * "kld", "kullback_leibler_divergence"): with both arguments clipped to [epsilon, 1],
 * {@code loss = sum(y_true * log(y_true / y_pred), axis=-1)}. Gradient {@code -y_true / y_pred} inside the clip range.
 */
public class KLDivergence extends Loss {
    public KLDivergence() {
        super("kl_divergence");
    }

    private static INDArray clip(INDArray a) {
        return Transforms.min(Transforms.max(a, Backend.epsilon(), true), 1.0, false);
    }

    @Override
    protected INDArray rowLosses(INDArray yTrue, INDArray yPred) {
        INDArray t = clip(yTrue);
        return Transforms.log(t.div(clip(yPred)), false).muli(t).sum(1);
    }

    @Override
    protected INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights) {
        INDArray inside = yPred.gt(Backend.epsilon()).castTo(yPred.dataType()).muli(yPred.lt(1.0).castTo(yPred.dataType()));
        return clip(yTrue).divi(clip(yPred)).negi().muli(inside).muliColumnVector(weights);
    }
}
