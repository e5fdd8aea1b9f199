package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Map;

/**
 * Intersection-over-union for the given classes, as keras/src/metrics/iou_metrics.py {@code IoU}: a
 * weighted confusion matrix {@code cm[true][pred]} accumulates over batches and
 * {@code iou_c = cm[c][c] / (row_c + col_c - cm[c][c])}; the result is the mean over
 * {@code target_class_ids} of the classes with a denominator above 1e-9.
 *
 * <p>Targets and predictions are class ids ({@code sparse_y_true}, {@code sparse_y_pred} true, the
 * default) or scores whose argmax over {@code axis} gives the id. Ids outside {@code [0, num_classes)} and
 * {@code ignore_class} are left out. The matrix has Keras's default integer dtype, so sample weights are
 * truncated to integers (Keras warns about float weights for this reason).
 */
public class IoU extends Metric {
    private final int numClasses;
    private final int[] targetClassIds;
    private Integer ignoreClass;
    private boolean sparseYTrue = true;
    private boolean sparseYPred = true;
    private int axis = -1;
    private final double[][] totalCm;

    public IoU(int numClasses, int... targetClassIds) {
        this(numClasses, targetClassIds, "io_u");
    }

    IoU(int numClasses, int[] targetClassIds, String name) {
        super(name);
        if (numClasses < 1) {
            throw new IllegalArgumentException("Metric \"" + name + "\": argument `num_classes` must be >= 1, got " + numClasses);
        }
        if (targetClassIds.length == 0) {
            throw new IllegalArgumentException("Metric \"" + name + "\": `target_class_ids` must not be empty");
        }
        for (int id : targetClassIds) {
            if (id < 0 || id >= numClasses) {
                throw new IllegalArgumentException("Metric \"" + name + "\": target_class_ids " + Arrays.toString(targetClassIds)
                        + " must be in [0, " + numClasses + ")");
            }
        }
        this.numClasses = numClasses;
        this.targetClassIds = targetClassIds.clone();
        this.totalCm = new double[numClasses][numClasses];
    }

    /** A class id to leave out, as Keras's {@code ignore_class=}. */
    public IoU ignoreClass(int ignoreClass) {
        this.ignoreClass = ignoreClass;
        return this;
    }

    /** Whether targets are class ids (default) rather than scores to argmax, as Keras's {@code sparse_y_true=}. */
    public IoU sparseYTrue(boolean sparse) {
        this.sparseYTrue = sparse;
        return this;
    }

    /** Whether predictions are class ids (default) rather than scores to argmax, as Keras's {@code sparse_y_pred=}. */
    public IoU sparseYPred(boolean sparse) {
        this.sparseYPred = sparse;
        return this;
    }

    /** The class axis of non-sparse inputs (default -1). */
    public IoU axis(int axis) {
        this.axis = axis;
        return this;
    }

    private INDArray ids(INDArray a, boolean sparse) {
        return sparse ? a : a.argMax(axis < 0 ? a.rank() + axis : axis);
    }

    @Override
    public void updateState(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        double[] t = MetricUtils.doubles(ids(yTrue, sparseYTrue));
        double[] p = MetricUtils.doubles(ids(yPred, sparseYPred));
        if (t.length != p.length) {
            throw new IllegalArgumentException("Metric \"" + name() + "\": " + t.length + " target ids but " + p.length
                    + " predicted ids");
        }
        double[] w = sampleWeight == null ? null : MetricUtils.doubles(sampleWeight);
        if (w != null && w.length != 1 && w.length != t.length) {
            throw new IllegalArgumentException("Metric \"" + name() + "\": sample_weight of shape "
                    + Arrays.toString(sampleWeight.shape()) + " does not broadcast to " + t.length + " ids");
        }
        for (int i = 0; i < t.length; i++) {
            int ti = (int) t[i];
            int pi = (int) p[i];
            boolean inBounds = ti >= 0 && ti < numClasses && pi >= 0 && pi < numClasses
                    && (ignoreClass == null || ti != ignoreClass);
            double wi = w == null ? 1.0 : (long) (w.length == 1 ? w[0] : w[i]);
            if (inBounds) {
                totalCm[ti][pi] += wi;
            }
        }
    }

    @Override
    public double result() {
        double sum = 0;
        double valid = 0;
        for (int c : targetClassIds) {
            double row = 0;
            double col = 0;
            for (int j = 0; j < numClasses; j++) {
                row += totalCm[j][c];
                col += totalCm[c][j];
            }
            double tp = totalCm[c][c];
            double denominator = row + col - tp;
            if (denominator > 1e-9) {
                valid++;
            }
            sum += MetricUtils.divideNoNan(tp, denominator);
        }
        return MetricUtils.divideNoNan(sum, valid);
    }

    @Override
    public void resetState() {
        for (double[] row : totalCm) {
            Arrays.fill(row, 0);
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("num_classes", numClasses);
        config.put("target_class_ids", Arrays.stream(targetClassIds).boxed().toList());
        config.put("ignore_class", ignoreClass);
        config.put("sparse_y_true", sparseYTrue);
        config.put("sparse_y_pred", sparseYPred);
        config.put("axis", axis);
        return config;
    }
}
