package io.keras4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code loss = mean((y_true - y_pred)^2, axis=-1)}, as keras/src/losses/losses.py {@code MeanSquaredError}
 * ("mean_squared_error", "mse").
 */
public class MeanSquaredError extends Loss {
    public MeanSquaredError() {
        super("mean_squared_error");
    }

    @Override
    protected INDArray rowLosses(INDArray yTrue, INDArray yPred) {
        INDArray d = yPred.sub(yTrue);
        return d.muli(d).mean(1);
    }

    @Override
    protected INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights) {
        return yPred.sub(yTrue).muli(2.0 / yPred.size(1)).muliColumnVector(weights);
    }
}
