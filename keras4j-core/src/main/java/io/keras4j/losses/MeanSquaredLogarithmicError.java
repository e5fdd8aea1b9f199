package io.keras4j.losses;

import io.keras4j.backend.Backend;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code loss = mean((log(max(y_pred, eps) + 1) - log(max(y_true, eps) + 1))^2, axis=-1)}, as
 * keras/src/losses/losses.py {@code mean_squared_logarithmic_error} ("mean_squared_logarithmic_error", "msle").
 */
public class MeanSquaredLogarithmicError extends Loss {
    public MeanSquaredLogarithmicError() {
        super("mean_squared_logarithmic_error");
    }

    private static INDArray log1pClipped(INDArray a) {
        return Transforms.log(Transforms.max(a, Backend.epsilon(), true).addi(1), false);
    }

    @Override
    protected INDArray rowLosses(INDArray yTrue, INDArray yPred) {
        INDArray d = log1pClipped(yPred).subi(log1pClipped(yTrue));
        return d.muli(d).mean(1);
    }

    @Override
    protected INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights) {
        double eps = Backend.epsilon();
        INDArray d = log1pClipped(yPred).subi(log1pClipped(yTrue));
        INDArray inside = yPred.gt(eps).castTo(yPred.dataType());
        return d.divi(Transforms.max(yPred, eps, true).addi(1)).muli(inside).muli(2.0 / yPred.size(1)).muliColumnVector(weights);
    }
}
