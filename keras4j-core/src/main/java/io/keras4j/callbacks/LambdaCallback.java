package io.keras4j.callbacks;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A callback built from Java lambdas, as keras/src/callbacks/lambda_callback.py {@code LambdaCallback}:
 * each hook left unset does nothing.
 *
 * <pre>{@code
 * new LambdaCallback().onEpochEnd((epoch, logs) -> System.out.println(epoch + " " + logs.get("loss")))
 * }</pre>
 */
public class LambdaCallback extends Callback {
    private BiConsumer<Integer, Map<String, Double>> epochBegin;
    private BiConsumer<Integer, Map<String, Double>> epochEnd;
    private BiConsumer<Integer, Map<String, Double>> trainBatchBegin;
    private BiConsumer<Integer, Map<String, Double>> trainBatchEnd;
    private Consumer<Map<String, Double>> trainBegin;
    private Consumer<Map<String, Double>> trainEnd;

    /** Keras's {@code on_epoch_begin(epoch, logs)}. */
    public LambdaCallback onEpochBegin(BiConsumer<Integer, Map<String, Double>> f) {
        this.epochBegin = f;
        return this;
    }

    /** Keras's {@code on_epoch_end(epoch, logs)}. */
    public LambdaCallback onEpochEnd(BiConsumer<Integer, Map<String, Double>> f) {
        this.epochEnd = f;
        return this;
    }

    /** Keras's {@code on_train_batch_begin(batch, logs)} (also {@code on_batch_begin}). */
    public LambdaCallback onTrainBatchBegin(BiConsumer<Integer, Map<String, Double>> f) {
        this.trainBatchBegin = f;
        return this;
    }

    /** Keras's {@code on_train_batch_end(batch, logs)} (also {@code on_batch_end}). */
    public LambdaCallback onTrainBatchEnd(BiConsumer<Integer, Map<String, Double>> f) {
        this.trainBatchEnd = f;
        return this;
    }

    /** Keras's {@code on_train_begin(logs)}. */
    public LambdaCallback onTrainBegin(Consumer<Map<String, Double>> f) {
        this.trainBegin = f;
        return this;
    }

    /** Keras's {@code on_train_end(logs)}. */
    public LambdaCallback onTrainEnd(Consumer<Map<String, Double>> f) {
        this.trainEnd = f;
        return this;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        if (epochBegin != null) {
            epochBegin.accept(epoch, logs);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (epochEnd != null) {
            epochEnd.accept(epoch, logs);
        }
    }

    @Override
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        if (trainBatchBegin != null) {
            trainBatchBegin.accept(batch, logs);
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (trainBatchEnd != null) {
            trainBatchEnd.accept(batch, logs);
        }
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        if (trainBegin != null) {
            trainBegin.accept(logs);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (trainEnd != null) {
            trainEnd.accept(logs);
        }
    }
}
