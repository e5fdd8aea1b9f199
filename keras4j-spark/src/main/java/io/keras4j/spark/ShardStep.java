package io.keras4j.spark;

import io.keras4j.engine.Variable;
import io.keras4j.losses.Loss;
import io.keras4j.models.Model;
import io.keras4j.ops.GradientTape;
import io.keras4j.ops.Ops;
import io.keras4j.optimizers.Optimizer;
import org.nd4j.linalg.factory.Nd4j;
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
 * Weight penalties, the same on every partition, add up to themselves ({@code sum n / B = 1}).
 */
final class ShardStep {
    private ShardStep() {
    }

    /**
     * Checks that the loss is a mean over the batch (Keras's default reduction, {@code sum_over_batch_size}): only
     * then do the partitions' shares add up to the global batch's loss.
     */
    static void checkReduction(Loss loss) {
        String reduction = loss.reduction();
        if (!"sum_over_batch_size".equals(reduction) && !"mean".equals(reduction)) {
            throw new IllegalArgumentException("SparkModel: loss \"" + loss.name() + "\" has reduction \"" + reduction
                    + "\"; data-parallel training needs a mean over the batch: use \"sum_over_batch_size\" (Keras's default)");
        }
    }

    /**
     * Forward and backward on {@code rows} of the shard, recorded on a {@link GradientTape}: the loss is the model's
     * {@code computeLoss} on the shard (its compiled losses with their weights, weight penalties and added losses)
     * times {@code rows / globalRows}; summed over the partitions, that is the loss of the global batch, penalties
     * included once.
     */
    static StepResult train(Replica replica, Shard shard, int[] rows, double globalRows, boolean withMetrics) {
        Model model = replica.model;
        INDArray[] x = shard.inputs(rows);
        INDArray[] y = shard.targets(rows);
        INDArray w = shard.weights(rows);
        List<Variable> trainable = model.trainableWeights();
        double share = rows.length / globalRows;
        StepResult r = new StepResult();
        r.rows = rows.length;
        INDArray[] pred;
        List<INDArray> grads;
        try (GradientTape tape = new GradientTape()) {
            pred = model.applyAll(true, x);
            INDArray loss = Ops.multiply(model.computeLoss(x, y, pred, w), share);
            grads = tape.gradient(loss, trainable);
            r.loss = nanIfAnyIsNaN(loss.getDouble(0), pred);
        }
        r.outputLosses = outputLosses(replica, y, pred, w, share);
        r.gradients = new float[trainable.size()][];
        for (int i = 0; i < trainable.size(); i++) {
            INDArray g = grads.get(i);
            r.gradients[i] = g != null ? Weights.floats(g) : new float[(int) trainable.get(i).value().length()];
        }
        List<Variable> fixed = model.nonTrainableWeights();
        if (!fixed.isEmpty()) {
            r.nonTrainableSums = StepResult.weighted(fixed.stream().map(Variable::value).toList(), rows.length);
        }
        if (withMetrics) {
            r.outputs.add(new StepResult.Rows(y, pred));
        }
        return r;
    }

    /**
     * Parameter averaging: the replica trains alone with its own optimizer (starting from the driver's state) on this
     * partition's share of each global batch in {@code rowsPerStep}, one local update per step; returns its weights
     * and optimizer variables times its rows (for the driver's weighted means), and its losses times their rows.
     */
    static StepResult averagingRound(Replica replica, Weights optimizerState, Shard shard, List<int[]> rowsPerStep,
                                     boolean withMetrics) {
        Model model = replica.model;
        Optimizer optimizer = replica.optimizer(optimizerState);
        List<Variable> trainable = model.trainableWeights();
        StepResult total = new StepResult();
        for (int[] rows : rowsPerStep) {
            if (rows.length == 0) {
                continue;
            }
            StepResult local = train(replica, shard, rows, rows.length, withMetrics);
            List<INDArray> grads = new java.util.ArrayList<>();
            for (int i = 0; i < trainable.size(); i++) {
                grads.add(Nd4j.create(local.gradients[i], trainable.get(i).value().shape(), 'c'));
            }
            optimizer.applyGradients(grads, trainable);
            local.gradients = null;
            local.nonTrainableSums = null;
            local.loss *= rows.length;
            for (int o = 0; o < local.outputLosses.length; o++) {
                local.outputLosses[o] *= rows.length;
            }
            total.add(local);
        }
        if (total.rows > 0) {
            total.weightSums = StepResult.weighted(model.getWeights(), total.rows);
            total.optimizerSums = StepResult.weighted(optimizer.variables().stream().map(java.util.Map.Entry::getValue).toList(),
                    total.rows);
        }
        return total;
    }

    /** Each output's unweighted loss times {@code share}, logged as {@code <output>_loss} when there are several. */
    private static double[] outputLosses(Replica replica, INDArray[] y, INDArray[] pred, INDArray w, double share) {
        double[] out = new double[pred.length];
        if (replica.losses.stream().filter(java.util.Objects::nonNull).count() > 1) {
            for (int o = 0; o < pred.length; o++) {
                Loss l = replica.losses.get(o);
                out[o] = l == null ? 0 : l.compute(y[o], pred[o], w) * share;
            }
        }
        return out;
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
            INDArray[] pred = replica.model.applyAll(false, x);
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
                r.outputs.add(new StepResult.Rows(y, pred));
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
