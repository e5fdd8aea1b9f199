package io.keras4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code loss = mean(|y_true - y_pred|, axis=-1)}, as keras/src/losses/losses.py {@code mean_absolute_error}
 * ("mean_absolute_error", "mae"). Gradient {@code sign(y_pred - y_true) / columns}.
 */
public class MeanAbsoluteError extends Loss {
    public MeanAbsoluteError() {
        super("mean_absolute_error");
    }

    @Override
    protected INDArray rowLosses(INDArray yTrue, INDArray yPred) {
        return Transforms.abs(yPred.sub(yTrue), false).mean(1);
    }

    @Override
    protected INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights) {
        return Transforms.sign(yPred.sub(yTrue), false).muli(1.0 / yPred.size(1)).muliColumnVector(weights);
    }
}
