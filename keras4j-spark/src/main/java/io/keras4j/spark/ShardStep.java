package io.keras4j.spark;

import io.keras4j.engine.Variable;
import io.keras4j.losses.Loss;
import io.keras4j.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * The executor's share of one training step or one evaluation, on a {@link Replica}: forward on the shard's rows,
 * the loss as the shard's part of the global batch's loss, and (training) its gradient with respect to the
 * trainable weights.
 *
 * <p>Keras's default reduction ({@code sum_over_batch_size}) divides the sample-weighted sum of per-sample losses by
 * the batch size; here the divisor is the global batch size {@code B}: a shard of {@code n} rows contributes its mean
 * times {@code n / B}, so the partitions' contributions add up to the loss (and gradient) of the global batch.
 */
final class ShardStep {
    private ShardStep() {
    }

    /** The weight of a shard's reduced loss in the global batch's loss, for the loss's reduction. */
    static double shareOfGlobalBatch(Loss loss, long shardRows, double globalRows) {
        String reduction = loss.reduction();
        if (reduction == null || reduction.equals("sum") || reduction.equals("none")) {
            return 1.0;
        }
        if (reduction.equals("sum_over_batch_size") || reduction.equals("mean")) {
            return shardRows / globalRows;
        }
        throw new IllegalArgumentException("SparkModel: loss \"" + loss.name() + "\" has reduction \"" + reduction
                + "\", which depends on the whole batch's sample weights; use \"sum_over_batch_size\" (Keras's default) or \"sum\"");
    }

    /** Forward and backward on {@code rows} of the shard; {@code globalRows} is the size of the step's global batch. */
    static StepResult train(Replica replica, Shard shard, int[] rows, double globalRows, boolean withMetrics) {
        Model model = replica.model;
        INDArray[] x = shard.inputs(rows);
        INDArray[] y = shard.targets(rows);
        INDArray w = shard.weights(rows);
        List<Variable> trainable = model.trainableWeights();
        for (Variable v : trainable) {
            v.resetGradient();
        }
        replica.context.begin(true, new boolean[x.length]);
        INDArray[] pred = model.call(x, replica.context);
        StepResult r = new StepResult();
        r.rows = rows.length;
        r.outputLosses = new double[pred.length];
        INDArray[] outGrads = new INDArray[pred.length];
        double[] lossWeights = replica.lossWeights();
        for (int o = 0; o < pred.length; o++) {
            Loss l = replica.losses.get(o);
            if (l == null) {
                continue;
            }
            Loss.ValueAndGradient vg = l.computeWithGradient(y[o], pred[o], w);
            double share = shareOfGlobalBatch(l, rows.length, globalRows);
            r.outputLosses[o] = vg.value() * share;
            r.loss += lossWeights[o] * r.outputLosses[o];
            outGrads[o] = vg.gradient().muli(lossWeights[o] * share);
        }
        r.loss = nanIfAnyIsNaN(r.loss, pred);
        model.backward(outGrads, replica.context);
        r.gradients = new float[trainable.size()][];
        for (int i = 0; i < trainable.size(); i++) {
            Variable v = trainable.get(i);
            r.gradients[i] = v.hasGradient() ? Weights.floats(v.gradient()) : new float[(int) v.value().length()];
        }
        List<Variable> fixed = model.nonTrainableWeights();
        if (!fixed.isEmpty()) {
            r.nonTrainableSums = new double[fixed.size()][];
            for (int i = 0; i < fixed.size(); i++) {
                double[] v = fixed.get(i).value().dup('c').data().asDouble();
                for (int k = 0; k < v.length; k++) {
                    v[k] *= rows.length;
                }
                r.nonTrainableSums[i] = v;
            }
        }
        if (withMetrics) {
            r.outputs.add(new StepResult.Rows(y, pred, w));
        }
        return r;
    }

    /**
     * Inference-mode loss over all rows of the shard in batches of {@code batchSize}, as its share of the loss over
     * {@code totalRows} rows (Keras's {@code evaluate}: batch losses averaged with the batch sizes as weights).
     */
    static StepResult evaluate(Replica replica, Shard shard, int batchSize, double totalRows, boolean withMetrics) {
        StepResult total = new StepResult();
        for (int from = 0; from < shard.rows; from += batchSize) {
            int[] rows = Shard.range(from, Math.min(shard.rows, from + batchSize));
            INDArray[] x = shard.inputs(rows);
            INDArray[] y = shard.targets(rows);
            INDArray w = shard.weights(rows);
            replica.context.begin(false, new boolean[x.length]);
            INDArray[] pred = replica.model.call(x, replica.context);
            StepResult r = new StepResult();
            r.rows = rows.length;
            r.outputLosses = new double[pred.length];
            double[] lossWeights = replica.lossWeights();
            for (int o = 0; o < pred.length; o++) {
                Loss l = replica.losses.get(o);
                if (l != null) {
                    r.outputLosses[o] = l.compute(y[o], pred[o], w) * rows.length / totalRows;
                    r.loss += lossWeights[o] * r.outputLosses[o];
                }
            }
            if (withMetrics) {
                r.outputs.add(new StepResult.Rows(y, pred, w));
            }
            total.add(r);
        }
        return total;
    }

    /** Losses clip predictions, which would hide NaN predictions (Trainer does the same check). */
    private static double nanIfAnyIsNaN(double loss, INDArray[] predictions) {
        for (INDArray p : predictions) {
            if (Double.isNaN(p.sumNumber().doubleValue())) {
                return Double.NaN;
            }
        }
        return loss;
    }
}
