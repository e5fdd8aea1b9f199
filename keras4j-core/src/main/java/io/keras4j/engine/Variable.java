package io.keras4j.engine;

import io.keras4j.constraints.Constraint;
import io.keras4j.regularizers.Regularizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A named weight of a layer, as {@code keras.Variable}: its value, a gradient buffer of the same shape,
 * the trainable flag, and the optional regularizer and constraint attached by {@link Layer#addWeight}.
 *
 * <p>Gradients accumulate across the calls of one training step (a layer shared by two nodes adds
 * both contributions). The first contribution of a step overwrites the buffer instead of adding to
 * it: layers ask {@link #beginGradientWrite()} for the GEMM {@code beta} (0 for the first write, 1 after).
 */
public final class Variable {
    private final String name;
    private final String path;
    private final INDArray value;
    private INDArray gradient;
    private boolean gradientWritten;
    private boolean trainable;
    private final Regularizer regularizer;
    private final Constraint constraint;

    Variable(String name, String path, INDArray value, boolean trainable, Regularizer regularizer, Constraint constraint) {
        this.name = name;
        this.path = path;
        this.value = value;
        this.trainable = trainable;
        this.regularizer = regularizer;
        this.constraint = constraint;
    }

    /** The weight's own name, e.g. "kernel". */
    public String name() {
        return name;
    }

    /** The weight's path, "layer_name/weight_name", as Keras's {@code variable.path}. */
    public String path() {
        return path;
    }

    /** The current value; optimizers update it in place. */
    public INDArray value() {
        return value;
    }

    /** Replaces the value in place (shape and dtype must match), as {@code variable.assign}. */
    public void assign(INDArray newValue) {
        if (!java.util.Arrays.equals(newValue.shape(), value.shape())) {
            throw new IllegalArgumentException("Variable '" + path + "' has shape " + java.util.Arrays.toString(value.shape())
                    + ", cannot assign a value of shape " + java.util.Arrays.toString(newValue.shape()));
        }
        value.assign(newValue);
    }

    public boolean trainable() {
        return trainable;
    }

    void setTrainable(boolean trainable) {
        this.trainable = trainable;
    }

    public Regularizer regularizer() {
        return regularizer;
    }

    public Constraint constraint() {
        return constraint;
    }

    /** The gradient buffer (allocated on first use, same shape and dtype as the value). */
    public INDArray gradient() {
        if (gradient == null) {
            gradient = value.ulike();
        }
        return gradient;
    }

    /**
     * Starts writing a gradient contribution with a GEMM or an in-place add, and returns the {@code beta} to write
     * with: 0 for the first contribution of the step (overwrite), 1 for later ones (accumulate). The gradient counts
     * as written from this call on: call it once per contribution, right before writing.
     */
    public double beginGradientWrite() {
        if (gradientWritten) {
            return 1.0;
        }
        gradientWritten = true;
        return 0.0;
    }

    /** Replaces the gradient with {@code gradient} (as its first contribution of the step). */
    public void setGradient(INDArray gradient) {
        resetGradient();
        addGradient(gradient);
    }

    /** Adds {@code contribution} to the gradient (overwriting it on the first contribution of the step). */
    public void addGradient(INDArray contribution) {
        if (beginGradientWrite() == 0.0) {
            gradient().assign(contribution);
        } else {
            gradient().addi(contribution);
        }
    }

    /** Whether any gradient was written since the last {@link #resetGradient()}. */
    public boolean hasGradient() {
        return gradientWritten;
    }

    /** Marks the gradient as empty; the next contribution overwrites it. Called at the start of each step. */
    public void resetGradient() {
        gradientWritten = false;
    }

    @Override
    public String toString() {
        return "<Variable path=" + path + ", shape=" + java.util.Arrays.toString(value.shape()) + ">";
    }
}
