package io.keras4j.spark;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What the executors send back for one step (or one evaluation), summed over partitions by {@code treeAggregate}:
 * the gradient of the global-batch loss ({@code 4 * trainable params} bytes per partition), the loss, the
 * rows, the row-weighted sums of the non-trainable weights (BatchNormalization's moving statistics) and, when the
 * model has metrics, the targets and predictions of the rows for the driver's metrics.
 */
final class StepResult implements Serializable {
    private static final long serialVersionUID = 1L;

    long rows;
    /** The loss of the global batch: each partition adds its share. */
    double loss;
    double[] outputLosses;
    float[][] gradients;
    double[][] nonTrainableSums;
    /** Parameter averaging: the row-weighted sums of every weight and of the optimizer's variables after local steps. */
    double[][] weightSums;
    double[][] optimizerSums;
    final List<Rows> outputs = new ArrayList<>();

    /**
     * The targets and predictions of some rows, one array per model output (compiled metrics are not sample-weighted,
     * as in Keras 3, where only {@code weighted_metrics} are).
     */
    static final class Rows implements Serializable {
        private static final long serialVersionUID = 1L;
        final int count;
        final float[][] targets;
        final long[][] targetShapes;
        final float[][] predictions;
        final long[][] predictionShapes;

        Rows(INDArray[] y, INDArray[] pred) {
            count = (int) pred[0].size(0);
            targets = new float[y.length][];
            targetShapes = new long[y.length][];
            predictions = new float[pred.length][];
            predictionShapes = new long[pred.length][];
            for (int o = 0; o < pred.length; o++) {
                targets[o] = Weights.floats(y[o]);
                targetShapes[o] = y[o].shape();
                predictions[o] = Weights.floats(pred[o]);
                predictionShapes[o] = pred[o].shape();
            }
        }
    }

    /** Adds {@code other} into this one and returns this (Spark's seqOp/combOp may reuse their first argument). */
    StepResult add(StepResult other) {
        if (other.rows == 0) {
            return this;
        }
        if (rows == 0) {
            rows = other.rows;
            loss = other.loss;
            outputLosses = other.outputLosses;
            gradients = other.gradients;
            nonTrainableSums = other.nonTrainableSums;
            weightSums = other.weightSums;
            optimizerSums = other.optimizerSums;
            outputs.addAll(other.outputs);
            return this;
        }
        rows += other.rows;
        loss += other.loss;
        for (int o = 0; o < outputLosses.length; o++) {
            outputLosses[o] += other.outputLosses[o];
        }
        if (gradients != null) {
            for (int i = 0; i < gradients.length; i++) {
                float[] a = gradients[i];
                float[] b = other.gradients[i];
                for (int k = 0; k < a.length; k++) {
                    a[k] += b[k];
                }
            }
        }
        addInto(nonTrainableSums, other.nonTrainableSums);
        addInto(weightSums, other.weightSums);
        addInto(optimizerSums, other.optimizerSums);
        outputs.addAll(other.outputs);
        return this;
    }

    private static void addInto(double[][] sums, double[][] more) {
        if (sums == null) {
            return;
        }
        for (int i = 0; i < sums.length; i++) {
            for (int k = 0; k < sums[i].length; k++) {
                sums[i][k] += more[i][k];
            }
        }
    }

    /** Each array's values times {@code rows}, in double precision, for row-weighted means. */
    static double[][] weighted(List<INDArray> arrays, long rows) {
        double[][] out = new double[arrays.size()][];
        for (int i = 0; i < out.length; i++) {
            double[] v = arrays.get(i).dup('c').data().asDouble();
            for (int k = 0; k < v.length; k++) {
                v[k] *= rows;
            }
            out[i] = v;
        }
        return out;
    }

    /** The row-weighted means of {@code sums} in the shapes and dtypes of {@code like}. */
    List<INDArray> means(double[][] sums, List<INDArray> like) {
        List<INDArray> out = new ArrayList<>();
        for (int i = 0; i < sums.length; i++) {
            double[] mean = new double[sums[i].length];
            for (int k = 0; k < mean.length; k++) {
                mean[k] = sums[i][k] / rows;
            }
            INDArray l = like.get(i);
            out.add(Nd4j.create(mean, l.shape(), 'c').castTo(l.dataType()));
        }
        return out;
    }

    /** Targets (index 0) and predictions (1) of output {@code o}, all rows. */
    INDArray[] stacked(int o) {
        List<float[]> y = new ArrayList<>();
        List<float[]> p = new ArrayList<>();
        int total = 0;
        for (Rows r : outputs) {
            y.add(r.targets[o]);
            p.add(r.predictions[o]);
            total += r.count;
        }
        Rows first = outputs.get(0);
        return new INDArray[]{concat(y, first.targetShapes[o], total), concat(p, first.predictionShapes[o], total)};
    }

    private static INDArray concat(List<float[]> parts, long[] chunkShape, int rows) {
        int size = 0;
        for (float[] part : parts) {
            size += part.length;
        }
        float[] all = new float[size];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        long[] shape = chunkShape.clone();
        shape[0] = rows;
        return Nd4j.create(all, shape, 'c');
    }
}
