package io.keras4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code loss = max(max((1 - y_true) * y_pred) - sum(y_true * y_pred) + 1, 0)} over the last axis, as
 * keras/src/losses/losses.py {@code categorical_hinge} ("categorical_hinge"). Gradient, where the loss is
 * positive: {@code (1 - y_true_k) at k = argmax((1 - y_true) * y_pred)} minus {@code y_true}.
 */
public class CategoricalHinge extends Loss {
    public CategoricalHinge() {
        super("categorical_hinge");
    }

    @Override
    protected INDArray rowLosses(INDArray yTrue, INDArray yPred) {
        INDArray pos = yTrue.mul(yPred).sum(1);
        INDArray neg = yTrue.rsub(1).muli(yPred).max(1);
        return org.nd4j.linalg.ops.transforms.Transforms.relu(neg.subi(pos).addi(1), false);
    }

    @Override
    protected INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights) {
        double[][] t = yTrue.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        double[][] p = yPred.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        double[] w = weights.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape(weights.length()).toDoubleVector();
        double[][] g = new double[t.length][];
        for (int r = 0; r < t.length; r++) {
            g[r] = new double[t[r].length];
            int k = 0;
            double pos = 0;
            for (int j = 0; j < t[r].length; j++) {
                pos += t[r][j] * p[r][j];
                if ((1 - t[r][j]) * p[r][j] > (1 - t[r][k]) * p[r][k]) {
                    k = j;
                }
            }
            if ((1 - t[r][k]) * p[r][k] - pos + 1 > 0) {
                for (int j = 0; j < t[r].length; j++) {
                    g[r][j] = -t[r][j] * w[r];
                }
                g[r][k] += (1 - t[r][k]) * w[r];
            }
        }
        return Nd4j.createFromArray(g).castTo(yPred.dataType());
    }
}
