package io.keras4j.losses;

import io.keras4j.backend.Backend;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The Tversky loss, as keras/src/losses/losses.py {@code tversky} ("tversky"): with {@code I = sum(y_pred * y_true)},
 * {@code fp = sum((1 - y_true) * y_pred)}, {@code fn = sum(y_true * (1 - y_pred))},
 * {@code loss = 1 - I / (I + alpha * fp + beta * fn + epsilon)}; alpha = beta = 0.5 by default. Summed over
 * every axis (Keras's default {@code axis=None}) or, with {@link #perSample()}, every axis but the batch.
 */
public class Tversky extends Overlap {
    private final double alpha;
    private final double beta;

    public Tversky() {
        this(0.5, 0.5);
    }

    public Tversky(double alpha, double beta) {
        super("tversky");
        this.alpha = alpha;
        this.beta = beta;
    }

    private INDArray denominator(INDArray yTrue, INDArray yPred, INDArray intersection) {
        INDArray fp = yTrue.rsub(1).muli(yPred).sum(true, 1);
        INDArray fn = yPred.rsub(1).muli(yTrue).sum(true, 1);
        return intersection.add(fp.muli(alpha)).addi(fn.muli(beta)).addi(Backend.epsilon());
    }

    @Override
    protected INDArray rowLosses(INDArray yTrue, INDArray yPred) {
        INDArray intersection = yTrue.mul(yPred).sum(true, 1);
        return intersection.div(denominator(yTrue, yPred, intersection)).rsubi(1).reshape(yPred.size(0));
    }

    @Override
    protected INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights) {
        // d/dp (1 - I/D) = -(t D - I (t + alpha (1 - t) - beta t)) / D^2
        INDArray intersection = yTrue.mul(yPred).sum(true, 1);
        INDArray d = denominator(yTrue, yPred, intersection);
        INDArray dd = yTrue.mul(1 - alpha - beta).addi(alpha);
        INDArray numerator = yTrue.mulColumnVector(d).subi(dd.mulColumnVector(intersection));
        return numerator.muliColumnVector(d.mul(d).rdivi(-1).muli(weights));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("alpha", alpha);
        config.put("beta", beta);
        return config;
    }
}
