package io.keras4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code loss = mean(max(1 - y_true * y_pred, 0), axis=-1)}, as keras/src/losses/losses.py {@code hinge}
 * ("hinge"); {@link SquaredHinge} squares the margin. Targets that are all 0 or 1 are first mapped to -1/1
 * ({@code convert_binary_labels_to_hinge}); other targets are used as given.
 */
public class Hinge extends Loss {
    private final boolean squared;

    public Hinge() {
        this("hinge", false);
    }

    Hinge(String name, boolean squared) {
        super(name);
        this.squared = squared;
    }

    private static INDArray signs(INDArray yTrue) {
        boolean binary = yTrue.eq(0.0).castTo(yTrue.dataType()).addi(yTrue.eq(1.0).castTo(yTrue.dataType())).minNumber().doubleValue() > 0;
        return binary ? yTrue.mul(2).subi(1) : yTrue;
    }

    @Override
    protected INDArray rowLosses(INDArray yTrue, INDArray yPred) {
        INDArray margin = Transforms.relu(signs(yTrue).mul(yPred).rsubi(1), false);
        return (squared ? margin.muli(margin) : margin).mean(1);
    }

    @Override
    protected INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights) {
        INDArray t = signs(yTrue);
        INDArray margin = Transforms.relu(t.mul(yPred).rsubi(1), false);
        INDArray factor = squared ? margin.muli(2) : Transforms.step(margin, false);
        return factor.muli(t).negi().muli(1.0 / yPred.size(1)).muliColumnVector(weights);
    }
}
