package io.keras4j.models;

import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.CallbackList;
import io.keras4j.callbacks.History;
import io.keras4j.callbacks.ProgbarLogger;
import io.keras4j.callbacks.TerminateOnNaN;
import io.keras4j.engine.Graph;
import io.keras4j.engine.Variable;
import io.keras4j.losses.Loss;
import io.keras4j.metrics.Mean;
import io.keras4j.metrics.Metric;
import io.keras4j.metrics.Metrics;
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
    private final List<List<Object>> metricIds;
    private List<List<Metric>> metrics;
    final Mean lossTracker = new Mean("loss");
    private Mean[] outputLossTrackers;
    private Graph.State state;
    /** Set while a TerminateOnNaN watches the fit: an invalid loss skips the update instead of raising. */
    private boolean toleratesInvalidLoss;

    Trainer(Model model, Optimizer optimizer, List<Loss> losses, double[] lossWeights, List<List<Object>> metricIds) {
        this.model = model;
        this.optimizer = optimizer;
        this.losses = losses;
        this.lossWeights = lossWeights;
        this.metricIds = metricIds;
    }

    private Graph.State state() {
        if (state == null) {
            state = model.graph().newState();
        }
        return state;
    }

    // ---- steps ---------------------------------------------------------------------------

    /** One gradient update on one batch; returns nothing (metrics are read from the trackers). */
    void trainStep(INDArray[] x, INDArray[] y, INDArray sampleWeight, String where) {
        Graph graph = model.graph();
        List<Variable> trainable = model.trainableWeights();
        for (Variable v : trainable) {
            v.resetGradient();
        }
        INDArray[] pred = graph.forward(state(), x, true, true);
        double loss = 0;
        double[] outputLosses = new double[pred.length];
        INDArray[] outGrads = new INDArray[pred.length];
        for (int o = 0; o < pred.length; o++) {
            Loss l = losses.get(o);
            if (l == null) {
                continue;
            }
            Loss.ValueAndGradient vg = l.computeWithGradient(y[o], pred[o], sampleWeight);
            outputLosses[o] = vg.value();
            loss += lossWeights[o] * vg.value();
            outGrads[o] = lossWeights[o] == 1.0 ? vg.gradient() : vg.gradient().muli(lossWeights[o]);
        }
        loss += regularization(trainable) + graph.addedLoss(state());
        loss = nanIfAnyPredictionIsNaN(loss, pred);
        if ((Double.isNaN(loss) || Double.isInfinite(loss)) && toleratesInvalidLoss) {
            lossTracker.update(loss, x[0].size(0));
            return;
        }
        if (Double.isNaN(loss) || Double.isInfinite(loss)) {
            throw new ArithmeticException("Model \"" + model.name() + "\": the loss became " + loss + " at " + where
                    + "; training stopped before the weights were updated. Check the data for NaN or infinite values, "
                    + "or lower the learning rate (now " + optimizer.learningRate() + ")");
        }
        graph.backward(state(), outGrads);
        for (Variable v : trainable) {
            if (v.regularizer() != null) {
                v.regularizer().addGradient(v.value(), v.gradient());
            }
        }
        optimizer.apply(trainable);
        updateMetrics(y, pred, sampleWeight, loss, outputLosses, x[0].size(0));
    }

    /** The loss and metric update of one batch in inference mode. */
    void testStep(INDArray[] x, INDArray[] y, INDArray sampleWeight) {
        INDArray[] pred = model.graph().forward(state(), x, false, false);
        double loss = 0;
        double[] outputLosses = new double[pred.length];
        for (int o = 0; o < pred.length; o++) {
            if (losses.get(o) != null) {
                outputLosses[o] = losses.get(o).compute(y[o], pred[o], sampleWeight);
                loss += lossWeights[o] * outputLosses[o];
            }
        }
        loss += regularization(model.trainableWeights()) + model.graph().addedLoss(state());
        updateMetrics(y, pred, sampleWeight, loss, outputLosses, x[0].size(0));
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
        if (metrics == null) {
            metrics = new ArrayList<>();
            for (int o = 0; o < pred.length; o++) {
                List<Metric> forOutput = new ArrayList<>();
                for (Object id : metricIds.get(o)) {
                    Metric m = id instanceof Metric ? (Metric) id : Metrics.forCompile((String) id, y[o].shape(), pred[o].shape());
                    if (pred.length > 1) {
                        m.name(model.outputNames().get(o) + "_" + m.name());
                    }
                    forOutput.add(m);
                }
                metrics.add(forOutput);
            }
        }
        for (int o = 0; o < pred.length; o++) {
            for (Metric m : metrics.get(o)) {
                m.updateState(y[o], pred[o], sampleWeight);
            }
        }
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

    void resetMetrics() {
        lossTracker.resetState();
        if (outputLossTrackers != null) {
            for (Mean m : outputLossTrackers) {
                if (m != null) {
                    m.resetState();
                }
            }
        }
        if (metrics != null) {
            metrics.forEach(list -> list.forEach(Metric::resetState));
        }
    }

    /** Loss then metrics, in compile order (Keras's {@code metrics_names}). */
    Map<String, Double> results() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", lossTracker.result());
        if (metrics != null) {
            metrics.forEach(list -> list.forEach(m -> out.put(m.name(), m.result())));
        }
        if (outputLossTrackers != null) {
            for (Mean m : outputLossTrackers) {
                if (m != null) {
                    out.put(m.name(), m.result());
                }
            }
        }
        return out;
    }

    /** The logs callbacks see: sorted by name, as Keras's tree utilities order them ("accuracy", "loss"). */
    private Map<String, Double> logs() {
        return new TreeMap<>(results());
    }

    // ---- loops ---------------------------------------------------------------------------

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
                trainStep(batch[0], batch[1], batch[2] == null ? null : batch[2][0], "epoch " + (epoch + 1) + ", step " + (step + 1));
                callbacks.onTrainBatchEnd(step, logs());
                if (model.stopTraining()) {
                    break;
                }
            }
            data.onEpochEnd();
            Map<String, Double> epochLogs = logs();
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
        for (int step = 0; step < steps; step++) {
            callbacks.onTestBatchBegin(step, Map.of());
            INDArray[][] batch = data.batch(step, batchSize);
            testStep(batch[0], batch[1], batch[2] == null ? null : batch[2][0]);
            callbacks.onTestBatchEnd(step, logs());
        }
        data.onEpochEnd();
        Map<String, Double> results = results();
        callbacks.onTestEnd(logs());
        return results;
    }

    /** Predicts in batches; one array per model output, all samples. */
    static INDArray[] predict(Model model, Graph.State state, BatchSource data, int batchSize, int verbose) {
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
            INDArray[] out = model.graph().forward(state, data.batch(step, batchSize)[0], false, false);
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
