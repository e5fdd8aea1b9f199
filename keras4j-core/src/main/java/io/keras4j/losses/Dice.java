package io.keras4j.losses;

import io.keras4j.backend.Backend;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Dice loss, as keras/src/losses/losses.py {@code dice} ("dice"): with {@code I = sum(y_true * y_pred)},
 * {@code loss = 1 - 2 I / (sum(y_true) + sum(y_pred) + epsilon)}. Keras's default {@code axis=None} sums over
 * every axis, batch included, giving one value for the batch; {@link #perSample()} sums over every axis but the
 * batch (Keras's {@code axis=[1, ..., rank-1]}), one value per sample.
 */
public class Dice extends Overlap {
    public Dice() {
        super("dice");
    }

    @Override
    protected INDArray rowLosses(INDArray yTrue, INDArray yPred) {
        INDArray intersection = yTrue.mul(yPred).sum(1);
        INDArray denominator = yTrue.sum(1).addi(yPred.sum(1)).addi(Backend.epsilon());
        return intersection.muli(2).divi(denominator).rsubi(1);
    }

    @Override
    protected INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights) {
        // d/dp (1 - 2I/D) = -2 (t D - I) / D^2
        INDArray intersection = yTrue.mul(yPred).sum(true, 1);
        INDArray denominator = yTrue.sum(true, 1).addi(yPred.sum(true, 1)).addi(Backend.epsilon());
        INDArray scale = denominator.mul(denominator).rdivi(-2).muli(weights);
        return yTrue.mulColumnVector(denominator).subiColumnVector(intersection).muliColumnVector(scale);
    }
}
