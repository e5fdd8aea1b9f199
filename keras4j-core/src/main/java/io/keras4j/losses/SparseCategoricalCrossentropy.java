package io.keras4j.losses;

import io.keras4j.engine.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Map;

/**
 * Crossentropy between integer class labels and predicted class probabilities, as
 * keras/src/losses/losses.py {@code SparseCategoricalCrossentropy} ("sparse_categorical_crossentropy"):
 * the same value as {@link CategoricalCrossentropy} on the one-hot labels. Labels have the shape of
 * the predictions without the last axis (or with a last axis of 1), and lie in [0, classes).
 */
public class SparseCategoricalCrossentropy extends RowKernelLoss {
    private final CategoricalCrossentropy dense = new CategoricalCrossentropy();
    private Integer ignoreClass;

    public SparseCategoricalCrossentropy() {
        super("sparse_categorical_crossentropy");
    }

    /** Whether predictions are logits rather than probabilities (default false). */
    public SparseCategoricalCrossentropy fromLogits(boolean fromLogits) {
        dense.fromLogits(fromLogits);
        return this;
    }

    /**
     * A label value whose rows are ignored (Keras's {@code ignore_class}, e.g. -1 or 255 for "void" pixels): their
     * loss is 0 and they are left out of the mean, as Keras masks them. Null (default) ignores nothing.
     */
    public SparseCategoricalCrossentropy ignoreClass(Integer ignoreClass) {
        this.ignoreClass = ignoreClass;
        return this;
    }

    @Override
    protected INDArray rowMask(INDArray yTrue, INDArray yPred) {
        if (ignoreClass == null) {
            return null;
        }
        double[] labels = HostValues.read(yTrue);
        double[] mask = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            mask[i] = labels[i] == ignoreClass ? 0 : 1;
        }
        return HostValues.write(mask, new long[]{labels.length}, yPred.dataType());
    }

    @Override
    public void validate(INDArray yTrue, long[] p, String where) {
        labels(yTrue, p, where);
    }

    /** The class indices after checking shape and range, ignored labels replaced by class 0 as Keras does. */
    private int[] labels(INDArray yTrue, long[] p, String where) {
        long[] t = yTrue.shape();
        long[] rows = Arrays.copyOf(p, p.length - 1);
        boolean dropped = Shapes.compatible(rows, t);
        boolean kept = t.length == p.length && t[t.length - 1] == 1 && Shapes.compatible(rows, Arrays.copyOf(t, t.length - 1));
        if (!dropped && !kept) {
            throw new IllegalArgumentException("Loss \"" + name() + "\" expects integer labels of shape " + Arrays.toString(rows)
                    + " for the predictions of " + where + " " + Arrays.toString(p) + ", got labels of shape " + Arrays.toString(t)
                    + (t.length == p.length && t[t.length - 1] == p[p.length - 1] ? " (one-hot targets need categorical_crossentropy)" : ""));
        }
        long classes = p[p.length - 1];
        double[] values = HostValues.read(yTrue);
        int[] labels = new int[values.length];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            double v = ignoreClass != null && values[i] == ignoreClass ? 0 : values[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Loss \"" + name() + "\" expects class indices in [0, " + classes + ") for the "
                        + classes + " classes of " + where + ", got the label " + v + " at position " + i);
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            labels[i] = (int) v;
        }
        if (min < 0 || max >= classes) {
            throw new IllegalArgumentException("Loss \"" + name() + "\" expects class indices in [0, " + classes + ") for the "
                    + classes + " classes of " + where + ", got labels in [" + (long) min + ", " + (long) max + "]");
        }
        return labels;
    }

    @Override
    double[] targetValues(INDArray yTrue, INDArray yPred) {
        int classes = (int) yPred.size(yPred.rank() - 1);
        int[] labels = labels(yTrue, yPred.shape(), "the model");
        double[] oneHot = new double[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * classes + labels[i]] = 1;
        }
        return oneHot;
    }

    @Override
    protected INDArray targets2d(INDArray yTrue, INDArray yPred) {
        double[] oneHot = targetValues(yTrue, yPred);
        return HostValues.write(oneHot, new long[]{oneHot.length / yPred.size(yPred.rank() - 1), yPred.size(yPred.rank() - 1)},
                yPred.dataType());
    }

    @Override
    double row(Rows x, int from, double scale) {
        return dense.row(x, from, scale);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("from_logits", dense.fromLogits());
        config.put("ignore_class", ignoreClass);
        return config;
    }
}
