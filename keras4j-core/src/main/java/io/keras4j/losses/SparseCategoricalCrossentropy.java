package io.keras4j.losses;

import io.keras4j.engine.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;

/**
 * Crossentropy between integer class labels and predicted class probabilities, as
 * keras/src/losses/losses.py {@code SparseCategoricalCrossentropy} ("sparse_categorical_crossentropy"):
 * the same value as {@link CategoricalCrossentropy} on the one-hot labels. Labels have the shape of
 * the predictions without the last axis (or with a last axis of 1), and lie in [0, classes).
 */
public class SparseCategoricalCrossentropy extends Loss {
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
        return ignoreClass == null ? null : yTrue.neq(ignoreClass.doubleValue()).castTo(yPred.dataType()).reshape(yTrue.length());
    }

    /** The labels with ignored ones replaced by class 0, as Keras does before the crossentropy. */
    private INDArray kept(INDArray yTrue) {
        if (ignoreClass == null) {
            return yTrue;
        }
        INDArray mask = yTrue.neq(ignoreClass.doubleValue()).castTo(yTrue.dataType());
        return yTrue.mul(mask);
    }

    @Override
    public void validate(INDArray yTrue, long[] p, String where) {
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
        INDArray labels = kept(yTrue);
        double min = labels.minNumber().doubleValue();
        double max = labels.maxNumber().doubleValue();
        if (min < 0 || max >= classes) {
            throw new IllegalArgumentException("Loss \"" + name() + "\" expects class indices in [0, " + classes + ") for the "
                    + classes + " classes of " + where + ", got labels in [" + (long) min + ", " + (long) max + "]");
        }
    }

    @Override
    protected INDArray targets2d(INDArray yTrue, INDArray yPred) {
        validate(yTrue, yPred.shape(), "the model");
        int classes = (int) yPred.size(yPred.rank() - 1);
        int[] labels = kept(yTrue).castTo(DataType.INT).reshape(yTrue.length()).toIntVector();
        float[] oneHot = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * classes + labels[i]] = 1f;
        }
        return Nd4j.create(oneHot, new long[]{labels.length, classes}, 'c').castTo(yPred.dataType());
    }

    @Override
    protected INDArray rowLosses(INDArray yTrue, INDArray yPred) {
        return dense.rowLosses(yTrue, yPred);
    }

    @Override
    protected INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights) {
        return dense.rowGradient(yTrue, yPred, weights);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("from_logits", dense.fromLogits());
        config.put("ignore_class", ignoreClass);
        return config;
    }
}
