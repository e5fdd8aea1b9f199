package io.keras4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code loss = mean(log(cosh(y_pred - y_true)), axis=-1)}, computed stably as
 * {@code e + softplus(-2e) - log(2)}, as keras/src/losses/losses.py {@code log_cosh} ("log_cosh", "logcosh").
 * Gradient {@code tanh(e) / columns}.
 */
public class LogCosh extends Loss {
    public LogCosh() {
        super("log_cosh");
    }

    @Override
    protected INDArray rowLosses(INDArray yTrue, INDArray yPred) {
        INDArray e = yPred.sub(yTrue);
        INDArray z = e.mul(-2);
        INDArray softplus = Transforms.relu(z, true).addi(Transforms.log1p(Transforms.exp(Transforms.abs(z, true).negi(), false), false));
        return e.addi(softplus).subi(Math.log(2)).mean(1);
    }

    @Override
    protected INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights) {
        return Transforms.tanh(yPred.sub(yTrue), false).muli(1.0 / yPred.size(1)).muliColumnVector(weights);
    }
}
