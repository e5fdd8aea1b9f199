package io.keras4j.losses;

import io.keras4j.backend.Tape;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.BiFunction;

/**
 * A loss from a Java function of {@code io.keras4j.ops} calls, as keras/src/losses/loss.py's
 * {@code LossFunctionWrapper}: {@code fn(yTrue, yPred)} gives the per-sample values, which are weighted and reduced
 * as every loss's are; the gradient comes from the tape. {@code compile} wraps a function it is given:
 * <pre>{@code model.compile("adam", (BiFunction<INDArray, INDArray, INDArray>) (yTrue, yPred) -> mean(square(subtract(yTrue, yPred)), -1))}</pre>
 */
public final class LossFunctionWrapper extends Loss {
    private final BiFunction<INDArray, INDArray, INDArray> fn;

    /** A loss named "loss" computing {@code fn(yTrue, yPred)}. */
    public LossFunctionWrapper(BiFunction<INDArray, INDArray, INDArray> fn) {
        this("loss", fn);
    }

    /** A loss with the given name computing {@code fn(yTrue, yPred)}. */
    public LossFunctionWrapper(String name, BiFunction<INDArray, INDArray, INDArray> fn) {
        super(name);
        if (fn == null) {
            throw new IllegalArgumentException("LossFunctionWrapper: argument `fn` is required, got null");
        }
        this.fn = fn;
    }

    /** The function's values, recorded on an active tape by the ops it calls. */
    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        return fn.apply(yTrue, yPred);
    }

    /** A function decides itself what targets it accepts. */
    @Override
    public void validate(INDArray yTrue, long[] yPredShape, String where) {
    }

    @Override
    ValueAndGradient evaluate(INDArray yTrue, INDArray yPred, Weights w, boolean withGradient) {
        Tape tape;
        INDArray values;
        try (Tape.Pause outer = Tape.pause()) {
            tape = Tape.start();
            try {
                values = fn.apply(yTrue, yPred);
            } finally {
                tape.stop();
            }
        }
        INDArray column = w.column(yPred.dataType());
        boolean scalar = values.length() == 1 && column.length() != 1;
        if (!scalar && values.length() != column.length()) {
            throw new IllegalArgumentException("Loss \"" + name() + "\": the function must return one value per sample (per "
                    + "prediction row, " + column.length() + " values for predictions of shape " + java.util.Arrays.toString(yPred.shape())
                    + ") or a scalar, got shape " + java.util.Arrays.toString(values.shape()));
        }
        double value = scalar ? values.getDouble(0) : w.reduce(values.reshape(values.length()));
        if (!withGradient) {
            return new ValueAndGradient(value, null);
        }
        INDArray seed = scalar ? values.ulike().assign(1) : column.reshape(values.shape()).castTo(values.dataType());
        INDArray gradient = tape.gradients(new INDArray[]{values}, new INDArray[]{seed}, new INDArray[]{yPred})[0];
        return new ValueAndGradient(value, gradient == null ? yPred.ulike().assign(0) : gradient);
    }

    @Override
    protected INDArray rowLosses(INDArray yTrue, INDArray yPred) {
        throw new UnsupportedOperationException("LossFunctionWrapper computes its values with its function");
    }

    @Override
    protected INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights) {
        throw new UnsupportedOperationException("LossFunctionWrapper takes its gradient from the tape");
    }
}
