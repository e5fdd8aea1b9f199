package io.keras4j.callbacks;

import io.keras4j.models.Model;

import java.util.Map;

/**
 * The base of every callback, as keras/src/callbacks/callback.py {@code Callback}: hooks the training,
 * evaluation and prediction loops call, with the logs (metric name to value) of the moment. Override
 * the hooks you need; {@link #model()} is the model being trained and {@link #params()} holds
 * {@code epochs}, {@code steps} and {@code verbose}.
 */
public abstract class Callback {
    private Model model;
    private Map<String, Object> params = Map.of();

    /** Called by the loop before training starts. */
    public void setModel(Model model) {
        this.model = model;
    }

    public Model model() {
        return model;
    }

    public void setParams(Map<String, Object> params) {
        this.params = params;
    }

    public Map<String, Object> params() {
        return params;
    }

    public void onTrainBegin(Map<String, Double> logs) {
    }

    public void onTrainEnd(Map<String, Double> logs) {
    }

    public void onEpochBegin(int epoch, Map<String, Double> logs) {
    }

    /** {@code logs} holds the epoch's training metrics and, when validation ran, the {@code val_} ones. */
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
    }

    /** {@code logs} holds the running metrics of the epoch so far. */
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    }

    public void onTestBegin(Map<String, Double> logs) {
    }

    public void onTestEnd(Map<String, Double> logs) {
    }

    public void onTestBatchBegin(int batch, Map<String, Double> logs) {
    }

    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
    }

    public void onPredictBegin(Map<String, Double> logs) {
    }

    public void onPredictEnd(Map<String, Double> logs) {
    }

    public void onPredictBatchBegin(int batch, Map<String, Double> logs) {
    }

    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
    }
}
