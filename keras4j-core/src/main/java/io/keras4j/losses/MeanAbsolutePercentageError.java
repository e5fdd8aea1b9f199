package io.keras4j.losses;

import io.keras4j.backend.Backend;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code loss = 100 * mean(|(y_true - y_pred) / max(|y_true|, epsilon)|, axis=-1)}, as keras/src/losses/losses.py
 * {@code mean_absolute_percentage_error} ("mean_absolute_percentage_error", "mape").
 */
public class MeanAbsolutePercentageError extends Loss {
    public MeanAbsolutePercentageError() {
        super("mean_absolute_percentage_error");
    }

    private static INDArray scale(INDArray yTrue) {
        return Transforms.max(Transforms.abs(yTrue, true), Backend.epsilon(), false);
    }

    @Override
    protected INDArray rowLosses(INDArray yTrue, INDArray yPred) {
        return Transforms.abs(yPred.sub(yTrue).divi(scale(yTrue)), false).mean(1).muli(100);
    }

    @Override
    protected INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights) {
        return Transforms.sign(yPred.sub(yTrue), false).divi(scale(yTrue)).muli(100.0 / yPred.size(1)).muliColumnVector(weights);
    }
}
