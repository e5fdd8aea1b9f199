package io.keras4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The base of every loss, as keras/src/losses/loss.py {@code Loss}.
 *
 * <p>A loss computes one value per sample row (reducing the last axis, as Keras's loss functions do),
 * multiplies by the sample weights and reduces them: "sum_over_batch_size" (the default) divides the
 * weighted sum by the number of values, "sum" keeps the sum, "none" keeps the values. Subclasses
 * implement the per-row value and its gradient on 2-D views {@code [rows, classes]}.
 */
public abstract class Loss {
    private String name;
    private String reduction = "sum_over_batch_size";

    protected Loss(String name) {
        this.name = name;
    }

    /** The loss name as Keras logs it ("categorical_crossentropy"). */
    public String name() {
        return name;
    }

    /** Sets the name, as Keras's {@code name=}. */
    @SuppressWarnings("unchecked")
    public <L extends Loss> L name(String name) {
        this.name = name;
        return (L) this;
    }

    public String reduction() {
        return reduction;
    }

    /** Sets the reduction: "sum_over_batch_size" (default), "sum", "mean_with_sample_weight" or "none". */
    @SuppressWarnings("unchecked")
    public <L extends Loss> L reduction(String reduction) {
        if (!Arrays.asList("sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none").contains(reduction)) {
            throw new IllegalArgumentException("Loss \"" + name + "\": invalid `reduction` '" + reduction
                    + "'; expected one of sum_over_batch_size, sum, mean, mean_with_sample_weight, none");
        }
        this.reduction = reduction;
        return (L) this;
    }

    /** The per-row losses {@code [rows]} for 2-D views of the targets and predictions. */
    protected abstract INDArray rowLosses(INDArray yTrue, INDArray yPred);

    /**
     * The gradient {@code d(sum_r weights[r] * loss[r]) / d yPred} on 2-D views, where {@code weights} is a
     * column {@code [rows, 1]}.
     */
    protected abstract INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights);

    /**
     * Checks that {@code yTrue} fits {@code yPred} and returns the 2-D view of {@code yTrue} in yPred's dtype.
     * Sparse losses override it to expand labels to one-hot rows.
     */
    protected INDArray targets2d(INDArray yTrue, INDArray yPred) {
        validate(yTrue, yPred.shape(), "the model");
        return as2d(yTrue.dataType() == yPred.dataType() ? yTrue : yTrue.castTo(yPred.dataType()));
    }

    /**
     * Checks targets against the shape of the predictions before training touches any weight.
     *
     * @param yPredShape the predictions' shape
     * @param where      what produces the predictions, for the message ("output \"dense_1\"")
     */
    public void validate(INDArray yTrue, long[] yPredShape, String where) {
        if (!io.keras4j.engine.Shapes.compatible(yPredShape, yTrue.shape())) {
            throw new IllegalArgumentException("Loss \"" + name + "\" expects targets shaped like the predictions of " + where
                    + " " + Arrays.toString(yPredShape) + ", got targets of shape " + Arrays.toString(yTrue.shape()));
        }
    }

    static INDArray as2d(INDArray a) {
        if (a.rank() == 2) {
            return a;
        }
        long cols = a.rank() == 0 ? 1 : a.size(a.rank() - 1);
        return a.reshape('c', a.length() / cols, cols);
    }

    /** The unreduced per-sample values: shape of {@code yPred} without its last axis. */
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray rows = rowLosses(targets2d(yTrue, yPred), as2d(yPred));
        long[] shape = Arrays.copyOf(yPred.shape(), Math.max(1, yPred.rank() - 1));
        return rows.reshape(shape);
    }

    /** The reduced loss, as Keras's {@code loss(y_true, y_pred, sample_weight)}. */
    public double compute(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        INDArray values = rowLosses(targets2d(yTrue, yPred), as2d(yPred));
        INDArray w = rowWeights(values.length(), yPred.size(0), sampleWeight, values.dataType());
        if (w != null) {
            values = values.mul(w.reshape(values.shape()));
        }
        return values.sumNumber().doubleValue() / divisor(values.length(), w);
    }

    /** Same as {@link #compute(INDArray, INDArray, INDArray)} without sample weights. */
    public double compute(INDArray yTrue, INDArray yPred) {
        return compute(yTrue, yPred, null);
    }

    /** The gradient of {@link #compute} with respect to {@code yPred}, of yPred's shape. */
    public INDArray gradient(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        INDArray pred2d = as2d(yPred);
        long rows = pred2d.size(0);
        INDArray w = rowWeights(rows, yPred.size(0), sampleWeight, yPred.dataType());
        INDArray weights = w == null ? Nd4j.valueArrayOf(new long[]{rows, 1}, 1.0, yPred.dataType()) : w.reshape(rows, 1);
        double divisor = divisor(rows, w);
        if (divisor != 1.0) {
            weights = weights.div(divisor);
        }
        return rowGradient(targets2d(yTrue, yPred), pred2d, weights).reshape(yPred.shape());
    }

    private INDArray rowWeights(long rows, long batch, INDArray sampleWeight, org.nd4j.linalg.api.buffer.DataType dtype) {
        if (sampleWeight == null) {
            return null;
        }
        if (sampleWeight.length() == rows) {
            return sampleWeight.castTo(dtype).reshape(rows);
        }
        if (sampleWeight.length() != batch) {
            throw new IllegalArgumentException("Loss \"" + name + "\": sample_weight must have one value per sample ("
                    + batch + "), got shape " + Arrays.toString(sampleWeight.shape()));
        }
        long perSample = rows / batch;
        return sampleWeight.castTo(dtype).reshape(batch, 1).repeat(1, perSample).reshape(rows);
    }

    private double divisor(long count, INDArray weights) {
        switch (reduction) {
            case "sum":
            case "none":
                return 1.0;
            case "mean_with_sample_weight":
                if (weights != null) {
                    double sum = weights.sumNumber().doubleValue();
                    return sum == 0 ? 1.0 : sum;
                }
                return count;
            default:
                return count;
        }
    }

    /** The Keras config: {@code name}, {@code reduction} and the subclass's own keys. */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("reduction", reduction);
        return config;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + getConfig();
    }
}
