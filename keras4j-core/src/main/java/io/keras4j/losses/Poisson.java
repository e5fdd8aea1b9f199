package io.keras4j.losses;

import io.keras4j.backend.Backend;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code loss = mean(y_pred - y_true * log(y_pred + epsilon), axis=-1)}, as keras/src/losses/losses.py
 * {@code poisson} ("poisson"). Gradient {@code (1 - y_true / (y_pred + epsilon)) / columns}.
 */
public class Poisson extends Loss {
    public Poisson() {
        super("poisson");
    }

    @Override
    protected INDArray rowLosses(INDArray yTrue, INDArray yPred) {
        return yPred.sub(Transforms.log(yPred.add(Backend.epsilon()), false).muli(yTrue)).mean(1);
    }

    @Override
    protected INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights) {
        return yTrue.div(yPred.add(Backend.epsilon())).rsubi(1).muli(1.0 / yPred.size(1)).muliColumnVector(weights);
    }
}
