package io.keras4j.models;

import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.CallbackList;
import io.keras4j.callbacks.History;
import io.keras4j.callbacks.ProgbarLogger;
import io.keras4j.callbacks.TerminateOnNaN;
import io.keras4j.backend.Tape;
import io.keras4j.engine.Graph;
import io.keras4j.engine.Variable;
import io.keras4j.losses.Loss;
import io.keras4j.metrics.Mean;
import io.keras4j.metrics.Metric;
import io.keras4j.ops.Ops;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.utils.RandomState;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The training, evaluation and prediction loops of a compiled model, as keras/src/trainers/trainer.py and
 * its backend's {@code fit}/{@code evaluate}/{@code predict}. One training step: forward through the graph,
 * losses (plus weight penalties), backward in reverse order, optimizer update, metric update.
 */
final class Trainer {
    private final Model model;
    final Optimizer optimizer;
    final List<Loss> losses;
    final double[] lossWeights;
    private final CompileMetrics compileMetrics;
    final Mean lossTracker = new Mean("loss");
    private Mean[] outputLossTrackers;
    private Graph.State state;
    /** Set while a TerminateOnNaN watches the fit: an invalid loss skips the update instead of raising. */
    private boolean toleratesInvalidLoss;
    /** Held while fit, evaluate or a train/test step runs: they share the step state and the metrics. */
    private final java.util.concurrent.locks.ReentrantLock running = new java.util.concurrent.locks.ReentrantLock();
    /** Where the running step is, for error messages ("epoch 2, step 14"). */
    String where = "trainOnBatch";

    Trainer(Model model, Optimizer optimizer, List<Loss> losses, double[] lossWeights, List<List<Object>> metricIds,
            List<List<Object>> weightedMetricIds) {
        this.model = model;
        this.optimizer = optimizer;
        this.losses = losses;
        this.lossWeights = lossWeights;
        this.compileMetrics = new CompileMetrics(metricIds, weightedMetricIds, model::outputNames);
    }

    private Graph.State state() {
        if (state == null) {
            state = model.graph().newState();
        }
        return state;
    }

    // ---- steps ---------------------------------------------------------------------------

    /**
     * Keras's default {@code train_step}: forward (through the graph, or the subclass's call recorded on a tape), losses
     * plus weight penalties plus added losses, backward, optimizer update, metric update. Returns the logs.
     */
    Map<String, Double> trainStep(StepData data) {
        INDArray[] x = data.xs();
        INDArray[] y = data.ys();
        INDArray sampleWeight = data.sampleWeight();
        List<Variable> trainable = model.trainableWeights();
        for (Variable v : trainable) {
            v.resetGradient();
        }
        Tape tape = null;
        INDArray[] pred;
        if (model.isGraphBuilt()) {
            pred = model.graph().forward(state(), x, true, true);
        } else {
            tape = Tape.start();
            try {
                pred = model.applyAll(true, x);
            } finally {
                tape.stop();
            }
        }
        requireLoss(y, pred.length);
        double loss = 0;
        double[] outputLosses = new double[pred.length];
        INDArray[] outGrads = new INDArray[pred.length];
        for (int o = 0; o < pred.length; o++) {
            Loss l = loss(o);
            if (l == null) {
                continue;
            }
            Loss.ValueAndGradient vg = l.computeWithGradient(y[o], pred[o], sampleWeight);
            outputLosses[o] = vg.value();
            loss += lossWeights[o] * vg.value();
            outGrads[o] = lossWeights[o] == 1.0 ? vg.gradient() : vg.gradient().muli(lossWeights[o]);
        }
        loss += regularization(trainable) + addedLoss();
        loss = nanIfAnyPredictionIsNaN(loss, pred);
        if ((Double.isNaN(loss) || Double.isInfinite(loss)) && toleratesInvalidLoss) {
            lossTracker.update(loss, x[0].size(0));
            return results();
        }
        if (Double.isNaN(loss) || Double.isInfinite(loss)) {
            throw new ArithmeticException("Model \"" + model.name() + "\": the loss became " + loss + " at " + where
                    + "; training stopped before the weights were updated. Check the data for NaN or infinite values, "
                    + "or lower the learning rate (now " + optimizer.learningRate() + ")");
        }
        if (tape == null) {
            model.graph().backward(state(), outGrads);
        } else {
            backwardOnTape(tape, pred, outGrads, trainable);
        }
        for (Variable v : trainable) {
            if (v.regularizer() != null) {
                v.regularizer().addGradient(v.value(), v.gradient());
            }
        }
        optimizer.apply(trainable);
        updateMetrics(y, pred, sampleWeight, loss, outputLosses, x[0].size(0));
        return results();
    }

    /** The loss of output {@code o}, or null (no loss given, or more outputs than losses). */
    private Loss loss(int o) {
        return o < losses.size() ? losses.get(o) : null;
    }

    /** Keras's "No loss to compute" error when nothing defines a loss, and a clear one for missing targets. */
    private void requireLoss(INDArray[] y, int outputs) {
        boolean anyLoss = false;
        for (int o = 0; o < outputs; o++) {
            anyLoss |= loss(o) != null;
        }
        if (!anyLoss && !model.isGraphBuilt() && model.losses().isEmpty()) {
            throw new IllegalStateException("Model \"" + model.name() + "\": no loss to compute. Provide a `loss` argument in "
                    + "compile(), add losses with addLoss() in call(), or override trainStep()");
        }
        if (anyLoss && y == null) {
            throw new IllegalArgumentException("Model \"" + model.name() + "\" was compiled with a loss but received no targets `y`");
        }
    }

    /** The gradients of the outputs' losses and the added losses, by replaying the tape of a subclassed model's call. */
    private void backwardOnTape(Tape tape, INDArray[] pred, INDArray[] outGrads, List<Variable> trainable) {
        List<INDArray> targets = new ArrayList<>();
        List<INDArray> seeds = new ArrayList<>();
        for (int o = 0; o < pred.length; o++) {
            if (outGrads[o] != null) {
                targets.add(pred[o]);
                seeds.add(outGrads[o]);
            }
        }
        for (INDArray term : model.losses()) {
            targets.add(term);
            seeds.add(null);
        }
        INDArray[] sources = new INDArray[trainable.size()];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = trainable.get(i).value();
        }
        INDArray[] grads = tape.gradients(targets.toArray(INDArray[]::new), seeds.toArray(INDArray[]::new), sources);
        for (int i = 0; i < sources.length; i++) {
            if (grads[i] != null) {
                trainable.get(i).addGradient(grads[i]);
            }
        }
    }

    /** The loss terms the last forward pass added: from the graph's nodes, or from a subclassed model's call. */
    private double addedLoss() {
        if (model.isGraphBuilt()) {
            return model.graph().addedLoss(state());
        }
        double sum = 0;
        for (INDArray term : model.losses()) {
            sum += term.sumNumber().doubleValue();
        }
        return sum;
    }

    /** Keras's default {@code test_step}: the loss and metric update of one batch in inference mode. Returns the logs. */
    Map<String, Double> testStep(StepData data) {
        INDArray[] x = data.xs();
        INDArray[] y = data.ys();
        INDArray[] pred = model.isGraphBuilt() ? model.graph().forward(state(), x, false, false) : model.applyAll(false, x);
        requireLoss(y, pred.length);
        double loss = 0;
        double[] outputLosses = new double[pred.length];
        for (int o = 0; o < pred.length; o++) {
            if (loss(o) != null) {
                outputLosses[o] = loss(o).compute(y[o], pred[o], data.sampleWeight());
                loss += lossWeights[o] * outputLosses[o];
            }
        }
        loss += regularization(model.trainableWeights()) + addedLoss();
        updateMetrics(y, pred, data.sampleWeight(), loss, outputLosses, x[0].size(0));
        return results();
    }

    /**
     * The loss of a batch as a scalar recorded on the active tape, as Keras's {@code compute_loss}: each output's
     * compiled loss times its weight, the weight penalties and the losses the model's call added.
     */
    INDArray computeLoss(INDArray[] y, INDArray[] pred, INDArray sampleWeight) {
        INDArray total = null;
        for (int o = 0; o < pred.length; o++) {
            Loss l = loss(o);
            if (l == null) {
                continue;
            }
            INDArray term = Ops.multiply(l.reduced(y[o], pred[o], sampleWeight), lossWeights[o]);
            total = total == null ? term : Ops.add(total, term);
        }
        for (Variable v : model.trainableWeights()) {
            if (v.regularizer() != null) {
                INDArray term = v.regularizer().penaltyOnTape(v.value());
                total = total == null ? term : Ops.add(total, term);
            }
        }
        for (INDArray term : model.losses()) {
            INDArray scalar = Ops.sum(term);
            total = total == null ? scalar : Ops.add(total, scalar);
        }
        if (total == null) {
            throw new IllegalStateException("Model \"" + model.name() + "\": no loss to compute. Provide a `loss` argument in compile()");
        }
        return total;
    }

    /**
     * Losses clip predictions, which would turn NaN predictions (from NaN weights or data) into a finite loss;
     * one reduction per output keeps such a step from passing silently.
     */
    private static double nanIfAnyPredictionIsNaN(double loss, INDArray[] predictions) {
        for (INDArray p : predictions) {
            if (Double.isNaN(p.sumNumber().doubleValue())) {
                return Double.NaN;
            }
        }
        return loss;
    }

    private static double regularization(List<Variable> variables) {
        double penalty = 0;
        for (Variable v : variables) {
            if (v.regularizer() != null) {
                penalty += v.regularizer().penalty(v.value());
            }
        }
        return penalty;
    }

    private void updateMetrics(INDArray[] y, INDArray[] pred, INDArray sampleWeight, double loss, double[] outputLosses,
                               long batch) {
        lossTracker.update(loss, batch);
        trackOutputLosses(outputLosses, batch);
        compileMetrics.update(y, pred, sampleWeight);
    }

    /**
     * With more than one loss, each output's unweighted loss is tracked as {@code <output>_loss}, as Keras's
     * {@code CompileLoss} does.
     */
    private void trackOutputLosses(double[] outputLosses, long batch) {
        if (outputLossTrackers == null) {
            outputLossTrackers = new Mean[outputLosses.length];
            if (losses.stream().filter(java.util.Objects::nonNull).count() > 1) {
                List<String> names = model.outputNames();
                for (int o = 0; o < outputLosses.length; o++) {
                    outputLossTrackers[o] = losses.get(o) == null ? null : new Mean(names.get(o) + "_loss");
                }
            }
        }
        for (int o = 0; o < outputLosses.length; o++) {
            if (outputLossTrackers[o] != null) {
                outputLossTrackers[o].update(outputLosses[o], batch);
            }
        }
    }

    /** Resets the metrics of the model (its loss tracker and compiled metrics, or what a subclass lists). */
    void resetMetrics() {
        for (Metric m : model.metrics()) {
            m.resetState();
        }
    }

    /** The loss tracker, the per-output loss trackers and the compiled metrics built so far, as Keras's {@code model.metrics}. */
    List<Metric> metrics() {
        List<Metric> out = new ArrayList<>();
        out.add(lossTracker);
        if (outputLossTrackers != null) {
            for (Mean m : outputLossTrackers) {
                if (m != null) {
                    out.add(m);
                }
            }
        }
        if (!compileMetrics.isEmpty()) {
            out.add(compileMetrics);
        }
        return out;
    }

    /** Updates the compiled metrics (not the loss trackers) and returns the logs, as Keras's {@code compute_metrics}. */
    Map<String, Double> computeMetrics(INDArray[] y, INDArray[] pred, INDArray sampleWeight) {
        compileMetrics.update(y, pred, sampleWeight);
        return results();
    }

    /** Loss then metrics, in compile order (Keras's {@code metrics_names}). */
    Map<String, Double> results() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", lossTracker.result());
        out.putAll(compileMetrics.results());
        if (outputLossTrackers != null) {
            for (Mean m : outputLossTrackers) {
                if (m != null) {
                    out.put(m.name(), m.result());
                }
            }
        }
        return out;
    }

    // ---- loops ---------------------------------------------------------------------------

    /**
     * Runs {@code body} as the only training or evaluation of this model: a second thread calling fit, evaluate or a
     * train/test step meanwhile gets a clear error instead of corrupting the running one (predict is always safe).
     */
    <T> T exclusively(String method, java.util.function.Supplier<T> body) {
        if (!running.tryLock()) {
            throw new IllegalStateException(method + ": model \"" + model.name() + "\" is already running fit or evaluate on "
                    + "another thread; they share the model's metrics and training state. Wait for it to finish, or use "
                    + "predict, which is safe to call from many threads");
        }
        try {
            return body.get();
        } finally {
            running.unlock();
        }
    }

    History fit(BatchSource data, BatchSource validation, FitOptions o) {
        History history = new History();
        List<Callback> all = new ArrayList<>(o.callbacks);
        all.add(history);
        if (o.verbose > 0) {
            all.add(0, new ProgbarLogger());
        }
        CallbackList callbacks = new CallbackList(all);
        int batchesPerEpoch = data.numBatches(o.batchSize);
        int steps = o.stepsPerEpoch != null ? o.stepsPerEpoch : batchesPerEpoch;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", o.verbose);
        params.put("epochs", o.epochs);
        params.put("steps", steps);
        callbacks.setModel(model);
        callbacks.setParams(params);
        model.setStopTraining(false);
        toleratesInvalidLoss = all.stream().anyMatch(c -> c instanceof TerminateOnNaN);
        callbacks.onTrainBegin(Map.of());
        Map<String, Double> trainingLogs = Map.of();
        Map<String, Double> stepLogs = results();
        for (int epoch = model.takeInitialEpoch(o.initialEpoch); epoch < o.epochs; epoch++) {
            resetMetrics();
            callbacks.onEpochBegin(epoch, Map.of());
            data.onEpochBegin(o.shuffle);
            for (int step = 0; step < steps; step++) {
                int b = step % batchesPerEpoch;
                if (b == 0 && step > 0) {
                    data.onEpochEnd();
                    data.onEpochBegin(o.shuffle);
                }
                callbacks.onTrainBatchBegin(step, Map.of());
                INDArray[][] batch = data.batch(b, o.batchSize);
                where = "epoch " + (epoch + 1) + ", step " + (step + 1);
                stepLogs = model.trainStep(new StepData(batch[0], batch[1], batch[2] == null ? null : batch[2][0]));
                callbacks.onTrainBatchEnd(step, new TreeMap<>(stepLogs));
                if (model.stopTraining()) {
                    break;
                }
            }
            data.onEpochEnd();
            Map<String, Double> epochLogs = new TreeMap<>(stepLogs);
            if (validation != null && (epoch + 1) % o.validationFreq == 0) {
                int valBatch = o.validationBatchSize != null ? o.validationBatchSize : o.batchSize;
                Map<String, Double> val = evaluate(validation, valBatch, 0, callbacks);
                val.forEach((k, v) -> epochLogs.put("val_" + k, v));
            }
            callbacks.onEpochEnd(epoch, epochLogs);
            trainingLogs = epochLogs;
            if (model.stopTraining()) {
                break;
            }
        }
        toleratesInvalidLoss = false;
        where = "trainOnBatch";
        callbacks.onTrainEnd(trainingLogs);
        return history;
    }

    static int[] permutation(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Random rng = RandomState.shuffler();
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * Evaluates in batches; returns loss then metrics in compile order.
     *
     * @param outer the callbacks of an enclosing {@code fit}, or null for a stand-alone evaluate
     */
    Map<String, Double> evaluate(BatchSource data, int batchSize, int verbose, CallbackList outer) {
        int steps = data.numBatches(batchSize);
        CallbackList callbacks = outer;
        if (callbacks == null) {
            List<Callback> list = new ArrayList<>();
            if (verbose > 0) {
                list.add(new ProgbarLogger());
            }
            callbacks = new CallbackList(list);
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("verbose", verbose);
            params.put("epochs", 1);
            params.put("steps", steps);
            callbacks.setModel(model);
            callbacks.setParams(params);
        }
        resetMetrics();
        callbacks.onTestBegin(Map.of());
        data.onEpochBegin(false);
        Map<String, Double> results = results();
        for (int step = 0; step < steps; step++) {
            callbacks.onTestBatchBegin(step, Map.of());
            INDArray[][] batch = data.batch(step, batchSize);
            results = model.testStep(new StepData(batch[0], batch[1], batch[2] == null ? null : batch[2][0]));
            callbacks.onTestBatchEnd(step, new TreeMap<>(results));
        }
        data.onEpochEnd();
        callbacks.onTestEnd(new TreeMap<>(results));
        return results;
    }

    /** Predicts in batches with the model's {@code predictStep}; one array per model output, all samples. */
    static INDArray[] predict(Model model, BatchSource data, int batchSize, int verbose) {
        int steps = data.numBatches(batchSize);
        List<Callback> list = new ArrayList<>();
        if (verbose > 0) {
            list.add(new ProgbarLogger());
        }
        CallbackList callbacks = new CallbackList(list);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", verbose);
        params.put("epochs", 1);
        params.put("steps", steps);
        callbacks.setModel(model);
        callbacks.setParams(params);
        callbacks.onPredictBegin(Map.of());
        INDArray[] result = null;
        List<INDArray[]> unsized = data.numSamples() < 0 ? new ArrayList<>() : null;
        int from = 0;
        data.onEpochBegin(false);
        for (int step = 0; step < steps; step++) {
            callbacks.onPredictBatchBegin(step, Map.of());
            INDArray[] out = model.predictStep(new StepData(data.batch(step, batchSize)[0], null, null));
            int to = from + (int) out[0].size(0);
            if (unsized != null) {
                unsized.add(dup(out));
            } else if (result == null) {
                result = new INDArray[out.length];
                for (int o = 0; o < out.length; o++) {
                    long[] shape = out[o].shape().clone();
                    shape[0] = data.numSamples();
                    result[o] = Nd4j.create(out[o].dataType(), shape);
                }
            }
            for (int o = 0; unsized == null && o < out.length; o++) {
                INDArray target = result[o].rank() == 1 ? result[o].get(NDArrayIndex.interval(from, to))
                        : result[o].get(rowIndex(result[o].rank(), from, to));
                target.assign(out[o]);
            }
            from = to;
            callbacks.onPredictBatchEnd(step, Map.of());
        }
        data.onEpochEnd();
        callbacks.onPredictEnd(Map.of());
        return unsized == null ? result : concat(unsized);
    }

    private static INDArray[] dup(INDArray[] arrays) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = arrays[i].dup();
        }
        return out;
    }

    /** Joins per-batch outputs along the batch axis, output by output. */
    private static INDArray[] concat(List<INDArray[]> batches) {
        INDArray[] out = new INDArray[batches.get(0).length];
        for (int o = 0; o < out.length; o++) {
            INDArray[] parts = new INDArray[batches.size()];
            for (int b = 0; b < parts.length; b++) {
                parts[b] = batches.get(b)[o];
            }
            out[o] = parts.length == 1 ? parts[0] : Nd4j.concat(0, parts);
        }
        return out;
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex[] rowIndex(int rank, long from, long to) {
        org.nd4j.linalg.indexing.INDArrayIndex[] idx = new org.nd4j.linalg.indexing.INDArrayIndex[rank];
        idx[0] = NDArrayIndex.interval(from, to);
        for (int d = 1; d < rank; d++) {
            idx[d] = NDArrayIndex.all();
        }
        return idx;
    }
}
