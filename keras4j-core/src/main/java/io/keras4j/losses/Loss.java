package io.keras4j.losses;

import io.keras4j.backend.Tape;
import io.keras4j.engine.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of every loss, as keras/src/losses/loss.py {@code Loss} with {@code reduce_weighted_values}.
 *
 * <p>A loss computes one value per row of a 2-D view {@code [rows, columns]} of the predictions (by default
 * the last axis is reduced, as Keras's loss functions do), multiplies by the sample weights (and by the mask
 * of a loss such as SparseCategoricalCrossentropy with {@code ignore_class}) and reduces: "sum_over_batch_size"
 * / "mean" (the default) divide the weighted sum by the number of values, "sum" keeps the sum,
 * "mean_with_sample_weight" divides by the sum of the sample weights, "none" leaves the values
 * ({@link #call}; {@link #compute} then returns their weighted sum). Subclasses implement the per-row values and
 * their gradient; {@link #computeWithGradient} gives value and gradient in one pass for the training loop.
 */
public abstract class Loss {
    private static final List<String> REDUCTIONS = List.of("sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none");
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

    /** Sets the reduction: "sum_over_batch_size" (default), "sum", "mean", "mean_with_sample_weight" or "none" (null). */
    @SuppressWarnings("unchecked")
    public <L extends Loss> L reduction(String reduction) {
        String r = reduction == null ? "none" : reduction;
        if (!REDUCTIONS.contains(r)) {
            throw new IllegalArgumentException("Loss \"" + name + "\": invalid value for argument `reduction`: expected one of "
                    + REDUCTIONS + ", got '" + reduction + "'");
        }
        this.reduction = r;
        return (L) this;
    }

    /** The per-row losses {@code [rows]} for 2-D views of the targets and predictions. */
    protected abstract INDArray rowLosses(INDArray yTrue, INDArray yPred);

    /**
     * The gradient {@code d(sum_r weights[r] * loss[r]) / d yPred} on 2-D views, where {@code weights} is a
     * column {@code [rows, 1]}.
     */
    protected abstract INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights);

    /** Both {@link #rowLosses} and {@link #rowGradient}; losses may override it to share work between the two. */
    protected INDArray[] rowLossesAndGradient(INDArray yTrue, INDArray yPred, INDArray weights) {
        return new INDArray[]{rowLosses(yTrue, yPred), rowGradient(yTrue, yPred, weights)};
    }

    /** The 2-D view {@code [rows, columns]} of a prediction shape: by default the last axis is reduced. */
    protected long[] view(long[] predShape) {
        long cols = predShape.length == 0 ? 1 : predShape[predShape.length - 1];
        return new long[]{Arrays.stream(predShape).reduce(1, (a, b) -> a * b) / Math.max(cols, 1), cols};
    }

    /** The shape of the unreduced values ({@link #call}): by default the prediction shape without its last axis. */
    protected long[] valuesShape(long[] predShape) {
        return Arrays.copyOf(predShape, Math.max(1, predShape.length - 1));
    }

    /** Which rows count (1) or are ignored (0), as Keras's loss masks; null when all count. */
    protected INDArray rowMask(INDArray yTrue, INDArray yPred) {
        return null;
    }

    /**
     * Checks that {@code yTrue} fits {@code yPred} and returns its 2-D view in yPred's dtype. Sparse losses
     * override it to expand labels to one-hot rows.
     */
    protected INDArray targets2d(INDArray yTrue, INDArray yPred) {
        validate(yTrue, yPred.shape(), "the model");
        INDArray t = yTrue.dataType() == yPred.dataType() ? yTrue : yTrue.castTo(yPred.dataType());
        return t.reshape('c', view(yPred.shape()));
    }

    /**
     * Checks targets against the shape of the predictions before training touches any weight.
     *
     * @param yPredShape the predictions' shape
     * @param where      what produces the predictions, for the message ("output \"dense_1\"")
     */
    public void validate(INDArray yTrue, long[] yPredShape, String where) {
        if (!Shapes.compatible(yPredShape, yTrue.shape())) {
            throw new IllegalArgumentException("Loss \"" + name + "\" expects targets shaped like the predictions of " + where
                    + " " + Arrays.toString(yPredShape) + ", got targets of shape " + Arrays.toString(yTrue.shape()));
        }
    }

    private INDArray predictions2d(INDArray yPred) {
        return yPred.reshape('c', view(yPred.shape()));
    }

    /**
     * The unreduced values, as Keras's {@code loss.call(y_true, y_pred)}: shape of {@code yPred} without its last axis.
     * Recorded on an active tape with its gradient with respect to {@code yPred}, for custom training loops
     * ({@code mean(lossFn.call(y, model.apply(x, true)))}).
     */
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray t = targets2d(yTrue, yPred);
        INDArray p = predictions2d(yPred);
        INDArray rows = rowLosses(t, p);
        INDArray mask = rowMask(yTrue, yPred);
        if (mask != null) {
            rows = rows.mul(mask.castTo(rows.dataType()));
        }
        INDArray out = rows.reshape(valuesShape(yPred.shape()));
        Tape.record(out, (g, needs) -> {
            INDArray w = g.castTo(p.dataType()).reshape(p.size(0), 1);
            if (mask != null) {
                w = w.mul(mask.castTo(p.dataType()).reshape(p.size(0), 1));
            }
            return new INDArray[]{rowGradient(t, p, w).reshape(yPred.shape())};
        }, yPred);
        return out;
    }

    /**
     * The reduced loss as a scalar array recorded on an active tape, as Keras's {@code loss(y_true, y_pred,
     * sample_weight)} inside {@code compute_loss}; sampleWeight may be null.
     */
    public INDArray reduced(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        ValueAndGradient vg = computeWithGradient(yTrue, yPred, sampleWeight);
        INDArray out = Nd4j.scalar(yPred.dataType(), vg.value());
        Tape.record(out, (g, needs) -> new INDArray[]{vg.gradient().mul(g.getDouble(0))}, yPred);
        return out;
    }

    /** The reduced loss, as Keras's {@code loss(y_true, y_pred, sample_weight)}; sampleWeight may be null. */
    public double compute(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        return evaluate(yTrue, yPred, weights(yTrue, yPred, sampleWeight), false).value();
    }

    /** Same as {@link #compute(INDArray, INDArray, INDArray)} without sample weights. */
    public double compute(INDArray yTrue, INDArray yPred) {
        return compute(yTrue, yPred, null);
    }

    /** The gradient of {@link #compute} with respect to {@code yPred}, of yPred's shape. */
    public INDArray gradient(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        return evaluate(yTrue, yPred, weights(yTrue, yPred, sampleWeight), true).gradient();
    }

    /**
     * The value of {@link #compute} and its gradient with respect to {@code yPred} in one call, sharing the
     * target conversion and intermediate results (one training step needs both).
     */
    public ValueAndGradient computeWithGradient(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        return evaluate(yTrue, yPred, weights(yTrue, yPred, sampleWeight), true);
    }

    /** The reduced value and, when asked, the gradient (null otherwise); {@link RowKernelLoss} computes both in Java. */
    ValueAndGradient evaluate(INDArray yTrue, INDArray yPred, Weights w, boolean withGradient) {
        INDArray t = targets2d(yTrue, yPred);
        INDArray p = predictions2d(yPred);
        if (!withGradient) {
            return new ValueAndGradient(w.reduce(rowLosses(t, p)), null);
        }
        INDArray[] both = rowLossesAndGradient(t, p, w.column(p.dataType()));
        return new ValueAndGradient(w.reduce(both[0]), both[1].reshape(yPred.shape()));
    }

    /**
     * Per-row weights (sample weights times the mask; null when all are 1) and the divisor of the weighted sum,
     * held in Java arrays so that an unweighted step allocates nothing.
     */
    static final class Weights {
        private final double[] rows;
        private final int count;
        private final double divisor;

        Weights(double[] rows, int count, double divisor) {
            this.rows = rows;
            this.count = count;
            this.divisor = divisor;
        }

        /** The weight of row r divided by the divisor: the factor of row r's gradient. */
        double scale(int r) {
            return (rows == null ? 1.0 : rows[r]) / divisor;
        }

        /** The weighted sum of per-row values divided by the divisor. */
        double reduce(double[] values) {
            double sum = 0;
            for (int r = 0; r < values.length; r++) {
                sum += rows == null ? values[r] : values[r] * rows[r];
            }
            return sum / divisor;
        }

        double reduce(INDArray values) {
            return rows == null ? values.sumNumber().doubleValue() / divisor : reduce(HostValues.read(values));
        }

        /** The gradient factors as a column {@code [rows, 1]}, for {@link #rowGradient}. */
        INDArray column(DataType dtype) {
            if (rows == null) {
                return Nd4j.valueArrayOf(new long[]{count, 1}, 1.0 / divisor, dtype);
            }
            double[] scaled = new double[count];
            for (int r = 0; r < count; r++) {
                scaled[r] = scale(r);
            }
            return HostValues.write(scaled, new long[]{count, 1}, dtype);
        }
    }

    /**
     * The per-row weights (sample weights times the mask) and what the weighted sum is divided by, as
     * keras/src/losses/loss.py {@code apply_mask} and {@code reduce_values}.
     */
    private Weights weights(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        int rows = (int) view(yPred.shape())[0];
        long batch = yPred.rank() == 0 ? 1 : yPred.size(0);
        double[] w = null;
        if (sampleWeight != null) {
            double[] sw = HostValues.read(sampleWeight);
            if (sw.length != rows && !(sw.length == batch && rows % batch == 0 && rows >= batch)) {
                throw new IllegalArgumentException("Loss \"" + name + "\": sample_weight must have one value per sample (" + batch
                        + ") or per loss value (" + rows + "), got shape " + Arrays.toString(sampleWeight.shape()));
            }
            int repeat = rows / sw.length;
            w = new double[rows];
            for (int r = 0; r < rows; r++) {
                w[r] = sw[r / repeat];
            }
        }
        INDArray maskArray = rowMask(yTrue, yPred);
        boolean mean = reduction.equals("sum_over_batch_size") || reduction.equals("mean");
        if (maskArray != null) {
            double[] m = HostValues.read(maskArray);
            double valid = 0;
            for (double v : m) {
                valid += v;
            }
            double factor = mean ? (valid == 0 ? 0 : rows / valid) : 1;
            if (w == null) {
                w = new double[rows];
                Arrays.fill(w, 1.0);
            }
            for (int r = 0; r < rows; r++) {
                w[r] *= m[r] * factor;
            }
        }
        double divisor = 1.0;
        if (mean || (reduction.equals("mean_with_sample_weight") && sampleWeight == null && maskArray == null)) {
            divisor = rows;
        } else if (reduction.equals("mean_with_sample_weight")) {
            double sum = 0;
            for (double v : w) {
                sum += v;
            }
            divisor = sum == 0 ? Double.POSITIVE_INFINITY : sum;
        }
        return new Weights(w, rows, divisor);
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

    /** A loss value with its gradient with respect to the predictions. */
    public static final class ValueAndGradient {
        private final double value;
        private final INDArray gradient;

        ValueAndGradient(double value, INDArray gradient) {
            this.value = value;
            this.gradient = gradient;
        }

        /** The reduced loss. */
        public double value() {
            return value;
        }

        /** d value / d yPred, of yPred's shape. */
        public INDArray gradient() {
            return gradient;
        }
    }

    /** Checks a {@code label_smoothing} argument, naming this loss's class: it must lie in [0, 1]. */
    protected final double checkLabelSmoothing(double labelSmoothing) {
        if (labelSmoothing < 0 || labelSmoothing > 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": `label_smoothing` must be in [0, 1], got "
                    + labelSmoothing);
        }
        return labelSmoothing;
    }
}
