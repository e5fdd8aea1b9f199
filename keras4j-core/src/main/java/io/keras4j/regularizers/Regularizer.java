package io.keras4j.regularizers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * A weight penalty added to the training loss, as keras/src/regularizers/regularizers.py {@code Regularizer}:
 * the trainer adds {@link #penalty} to the loss it reports and {@link #addGradient} to the weight's gradient.
 */
public interface Regularizer {
    /** The penalty for weight {@code w}. */
    double penalty(INDArray w);

    /** Adds the gradient of the penalty with respect to {@code w} to {@code gradient}. */
    void addGradient(INDArray w, INDArray gradient);

    /**
     * The penalty for weight {@code w} as a scalar recorded on the active tape (with {@link #addGradient} as its
     * gradient), for a loss computed with {@code io.keras4j.ops}, as Keras's {@code regularizer(w)}.
     */
    default INDArray penaltyOnTape(INDArray w) {
        return penaltyOnTape(w, 1.0);
    }

    /** {@code scale} times the penalty for {@code w}, as a scalar recorded on the active tape with its gradient. */
    default INDArray penaltyOnTape(INDArray w, double scale) {
        INDArray out = org.nd4j.linalg.factory.Nd4j.scalar(w.dataType(), scale * penalty(w));
        io.keras4j.backend.Tape.record(out, (g, needs) -> {
            INDArray grad = w.ulike().assign(0);
            addGradient(w, grad);
            return new INDArray[]{grad.muli(scale * g.getDouble(0))};
        }, w);
        return out;
    }

    /** The Keras class name, as saved in configs ("L2"). */
    default String className() {
        return getClass().getSimpleName();
    }

    /** The Keras config ({@code {"l2": 0.01}}). */
    Map<String, Object> getConfig();
}
