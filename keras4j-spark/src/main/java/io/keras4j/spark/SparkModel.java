package io.keras4j.spark;

import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.CallbackList;
import io.keras4j.callbacks.History;
import io.keras4j.callbacks.ProgbarLogger;
import io.keras4j.callbacks.TerminateOnNaN;
import io.keras4j.engine.Variable;
import io.keras4j.losses.Loss;
import io.keras4j.models.Model;
import io.keras4j.optimizers.Optimizer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a compiled keras4j model on an Apache Spark cluster, synchronous data parallelism: the global batch of
 * each step is split over the RDD's partitions, each executor computes the gradient of its share on a broadcast copy
 * of the weights, the driver sums the gradients ({@code treeAggregate}) and applies the model's optimizer. The
 * result is single-machine training on the global batch (the same loss curve up to float summation order);
 * callbacks, History, validation and checkpoints run on the driver as in {@code fit}.
 * <pre>{@code
 * model.compile("rmsprop", "categorical_crossentropy", "accuracy");
 * JavaRDD<Sample> train = sc.parallelize(samples, 8);
 * History history = new SparkModel(sc, model).fit(train, new SparkFitOptions().epochs(5).batchSize(128));
 * }</pre>
 * Per step, the weights travel to each executor (a broadcast: {@code 4 * count_params()} bytes, fetched once per
 * executor) and each partition sends back its gradient ({@code 4 * trainable params} bytes, summed in a tree),
 * plus the targets and predictions of its rows when the model has metrics.
 */
public final class SparkModel {
    private final JavaSparkContext sc;
    private final Model model;
    private long version;

    /**
     * @param sc    the Spark context whose executors train
     * @param model a compiled, built model (its first layer has an {@code inputShape}, or it is functional)
     */
    public SparkModel(JavaSparkContext sc, Model model) {
        if (!model.compiled()) {
            throw new IllegalStateException("SparkModel: you must call compile() on model \"" + model.name() + "\" first");
        }
        if (!model.isGraphBuilt()) {
            throw new IllegalStateException("SparkModel: model \"" + model.name() + "\" is not built; give its first layer an "
                    + "inputShape (or use a functional model) so that the executors can rebuild it from its JSON");
        }
        this.sc = sc;
        this.model = model;
    }

    /** The model being trained (its weights are the driver's, updated in place at each step). */
    public Model model() {
        return model;
    }

    /**
     * Trains on an RDD of samples (a DataFrame through {@link DataFrames#samples}), as {@code model.fit(x, y, ...)}:
     * {@code ceil(rows / batchSize)} steps per epoch, each partition contributing a share of each global batch
     * proportional to its rows.
     */
    public History fit(JavaRDD<Sample> data, SparkFitOptions o) {
        ModelSpec spec = ModelSpec.of(model);
        for (Loss l : model.loss()) {
            if (l != null) {
                ShardStep.checkReduction(l);
            }
        }
        JavaRDD<Shard> shards = shards(data);
        Broadcast<ModelSpec> specs = sc.broadcast(spec);
        try {
            return fit(shards, specs, o);
        } finally {
            shards.unpersist(false);
            specs.destroy();
        }
    }

    /**
     * Loss and metrics over an RDD, computed by the executors in batches of {@code batchSize}, as
     * {@code model.evaluate(..., return_dict=True)}.
     */
    public Map<String, Double> evaluate(JavaRDD<Sample> data, int batchSize) {
        JavaRDD<Shard> shards = shards(data);
        Broadcast<ModelSpec> specs = sc.broadcast(ModelSpec.of(model));
        try {
            return evaluate(shards, specs, batchSize);
        } finally {
            shards.unpersist(false);
            specs.destroy();
        }
    }

    private static JavaRDD<Shard> shards(JavaRDD<Sample> data) {
        return data.mapPartitionsWithIndex((p, samples) -> List.of(Shard.of(p, samples)).iterator(), true)
                .persist(StorageLevel.MEMORY_ONLY());
    }

    private History fit(JavaRDD<Shard> shards, Broadcast<ModelSpec> specs, SparkFitOptions o) {
        List<Integer> sizes = shards.map(s -> s.rows).collect();
        long total = sizes.stream().mapToLong(Integer::longValue).sum();
        if (total == 0) {
            throw new IllegalArgumentException("SparkModel.fit: the training RDD has no samples");
        }
        int steps = (int) ((total + o.batchSize - 1) / o.batchSize);
        int k = o.averagingFrequency;
        // callbacks see one batch per synchronous step, or per averaging round of k steps
        int batches = k == 0 ? steps : (steps + k - 1) / k;
        MetricTracker tracker = new MetricTracker(model);
        History history = new History();
        List<Callback> all = new ArrayList<>(o.callbacks);
        all.add(history);
        if (o.verbose > 0) {
            all.add(0, new ProgbarLogger());
        }
        CallbackList callbacks = new CallbackList(all);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", o.verbose);
        params.put("epochs", o.epochs);
        params.put("steps", batches);
        callbacks.setModel(model);
        callbacks.setParams(params);
        model.setStopTraining(false);
        boolean toleratesInvalidLoss = all.stream().anyMatch(c -> c instanceof TerminateOnNaN);
        long seed = o.seedOrDraw();
        callbacks.onTrainBegin(Map.of());
        Map<String, Double> trainingLogs = Map.of();
        for (int epoch = o.initialEpoch; epoch < o.epochs; epoch++) {
            tracker.reset();
            callbacks.onEpochBegin(epoch, Map.of());
            for (int step = 0; step < batches; step++) {
                callbacks.onTrainBatchBegin(step, Map.of());
                String where = "epoch " + (epoch + 1) + ", step " + (step + 1);
                if (k == 0) {
                    StepResult r = synchronousStep(shards, specs, sizes, epoch, step, steps, seed, o, tracker.hasMetrics());
                    apply(r, tracker, toleratesInvalidLoss, where);
                } else {
                    int from = step * k;
                    int to = Math.min(steps, from + k);
                    StepResult r = averagingRound(shards, specs, epoch, from, to, steps, seed, o, tracker.hasMetrics());
                    applyAverages(r, to - from, tracker, toleratesInvalidLoss, where);
                }
                callbacks.onTrainBatchEnd(step, tracker.logs());
                if (model.stopTraining()) {
                    break;
                }
            }
            Map<String, Double> epochLogs = tracker.logs();
            if ((o.validationX != null || o.validationData != null) && (epoch + 1) % o.validationFreq == 0) {
                int batch = o.validationBatchSize != null ? o.validationBatchSize : o.batchSize;
                Map<String, Double> val = o.validationX != null ? model.evaluateToMap(new INDArray[]{o.validationX},
                        new INDArray[]{o.validationY}, batch, 0) : evaluate(o.validationData, batch);
                val.forEach((name, value) -> epochLogs.put("val_" + name, value));
            }
            callbacks.onEpochEnd(epoch, epochLogs);
            trainingLogs = epochLogs;
            if (model.stopTraining()) {
                break;
            }
        }
        callbacks.onTrainEnd(trainingLogs);
        return history;
    }

    /** The rows of the global batch of {@code step}: the sum of the partitions' shares. */
    private static long globalRows(List<Integer> sizes, int step, int steps) {
        long rows = 0;
        for (int n : sizes) {
            rows += Shard.slice(n, step, steps).length;
        }
        return rows;
    }

    /** One Spark job: each partition's gradient on the broadcast weights, summed in a tree. */
    StepResult synchronousStep(JavaRDD<Shard> shards, Broadcast<ModelSpec> specs, List<Integer> sizes, int epoch, int step,
                               int steps, long seed, SparkFitOptions o, boolean withMetrics) {
        double global = globalRows(sizes, step, steps);
        Broadcast<Weights> weights = sc.broadcast(Weights.of(version++, model.weights()));
        boolean shuffle = o.shuffle;
        try {
            return shards.treeAggregate(new StepResult(), (acc, shard) -> {
                int[] rows = shard.rowsOfStep(epoch, step, steps, shuffle, seed);
                if (rows.length == 0) {
                    return acc;
                }
                Replica replica = Replica.borrow(specs.value(), weights.value());
                StepResult part = ShardStep.train(replica, shard, rows, global, withMetrics);
                Replica.release(specs.value(), replica);
                return acc.add(part);
            }, StepResult::add, o.aggregationDepth);
        } finally {
            weights.destroy();
        }
    }

    /** The driver's half of a step: the optimizer update and the averaged non-trainable weights. */
    private void apply(StepResult r, MetricTracker tracker, boolean toleratesInvalidLoss, String where) {
        List<Variable> trainable = model.trainableWeights();
        double loss = r.loss;
        if (invalid(loss, toleratesInvalidLoss, where)) {
            tracker.update(r, loss);
            return;
        }
        List<INDArray> grads = new ArrayList<>(trainable.size());
        for (int i = 0; i < trainable.size(); i++) {
            Variable v = trainable.get(i);
            grads.add(Nd4j.create(r.gradients[i], v.value().shape(), 'c').castTo(v.value().dataType()));
        }
        model.optimizer().applyGradients(grads, trainable);
        assignNonTrainable(r);
        tracker.update(r, loss);
    }

    /**
     * Whether the step's loss is NaN or infinite and a TerminateOnNaN watches (the update is skipped, as in fit);
     * without one, such a loss stops training with an error before any weight changes.
     */
    private boolean invalid(double loss, boolean toleratesInvalidLoss, String where) {
        if (!Double.isNaN(loss) && !Double.isInfinite(loss)) {
            return false;
        }
        if (toleratesInvalidLoss) {
            return true;
        }
        throw new ArithmeticException("Model \"" + model.name() + "\": the loss became " + loss + " at " + where
                + "; training stopped before the weights were updated. Check the data for NaN or infinite values, "
                + "or lower the learning rate (now " + model.optimizer().learningRate() + ")");
    }

    /**
     * One Spark job of parameter averaging: each partition trains its replica on its shares of steps {@code from} to
     * {@code to} (exclusive), starting from the broadcast weights and optimizer state.
     */
    private StepResult averagingRound(JavaRDD<Shard> shards, Broadcast<ModelSpec> specs, int epoch, int from, int to, int steps,
                                      long seed, SparkFitOptions o, boolean withMetrics) {
        Optimizer optimizer = model.optimizer();
        optimizer.build(model.trainableWeights());
        Broadcast<Weights> weights = sc.broadcast(Weights.of(version++, model.weights()));
        Broadcast<Weights> state = sc.broadcast(Weights.ofArrays(0, values(optimizer.variables())));
        boolean shuffle = o.shuffle;
        try {
            return shards.treeAggregate(new StepResult(), (acc, shard) -> {
                List<int[]> rows = new ArrayList<>();
                for (int step = from; step < to; step++) {
                    rows.add(shard.rowsOfStep(epoch, step, steps, shuffle, seed));
                }
                if (shard.rows == 0) {
                    return acc;
                }
                Replica replica = Replica.borrow(specs.value(), weights.value());
                StepResult part = ShardStep.averagingRound(replica, state.value(), shard, rows, withMetrics);
                Replica.release(specs.value(), replica);
                return acc.add(part);
            }, StepResult::add, o.aggregationDepth);
        } finally {
            weights.destroy();
            state.destroy();
        }
    }

    private static List<INDArray> values(List<Map.Entry<String, INDArray>> entries) {
        return entries.stream().map(Map.Entry::getValue).toList();
    }

    /** The driver's half of an averaging round: weights and optimizer state become the partitions' row-weighted means. */
    private void applyAverages(StepResult r, int stepsInRound, MetricTracker tracker, boolean toleratesInvalidLoss, String where) {
        r.loss /= r.rows;
        for (int o = 0; o < r.outputLosses.length; o++) {
            r.outputLosses[o] /= r.rows;
        }
        if (invalid(r.loss, toleratesInvalidLoss, where)) {
            tracker.update(r, r.loss);
            return;
        }
        Optimizer optimizer = model.optimizer();
        long iterations = optimizer.iterations();
        model.setWeights(r.means(r.weightSums, model.getWeights()));
        List<INDArray> state = r.means(r.optimizerSums, values(optimizer.variables()));
        state.set(0, Nd4j.scalar(DataType.LONG, iterations + stepsInRound));
        optimizer.setVariables(state);
        tracker.update(r, r.loss);
    }

    /** Non-trainable weights (moving statistics) become the row-weighted mean of the partitions' values. */
    private void assignNonTrainable(StepResult r) {
        if (r.nonTrainableSums == null) {
            return;
        }
        List<Variable> fixed = model.nonTrainableWeights();
        for (int i = 0; i < fixed.size(); i++) {
            double[] sums = r.nonTrainableSums[i];
            double[] mean = new double[sums.length];
            for (int k = 0; k < sums.length; k++) {
                mean[k] = sums[k] / r.rows;
            }
            INDArray v = fixed.get(i).value();
            fixed.get(i).assign(Nd4j.create(mean, v.shape(), 'c').castTo(v.dataType()));
        }
    }

    private Map<String, Double> evaluate(JavaRDD<Shard> shards, Broadcast<ModelSpec> specs, int batchSize) {
        long total = shards.map(s -> (long) s.rows).reduce(Long::sum);
        if (total == 0) {
            throw new IllegalArgumentException("SparkModel.evaluate: the RDD has no samples");
        }
        MetricTracker tracker = new MetricTracker(model);
        Broadcast<Weights> weights = sc.broadcast(Weights.of(version++, model.weights()));
        boolean withMetrics = tracker.hasMetrics();
        try {
            StepResult r = shards.treeAggregate(new StepResult(), (acc, shard) -> {
                if (shard.rows == 0) {
                    return acc;
                }
                Replica replica = Replica.borrow(specs.value(), weights.value());
                StepResult part = ShardStep.evaluate(replica, shard, batchSize, total, withMetrics);
                Replica.release(specs.value(), replica);
                return acc.add(part);
            }, StepResult::add, 2);
            double loss = r.loss;
            for (Variable v : model.trainableWeights()) {
                if (v.regularizer() != null) {
                    loss += v.regularizer().penalty(v.value());
                }
            }
            tracker.update(r, loss);
            return tracker.results();
        } finally {
            weights.destroy();
        }
    }
}
