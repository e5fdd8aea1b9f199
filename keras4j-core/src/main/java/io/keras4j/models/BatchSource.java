package io.keras4j.models;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the training loops read batches from, as keras/src/trainers/data_adapters/data_adapter.py
 * {@code DataAdapter}: in-memory arrays ({@link ArrayData}) or a {@link io.keras4j.utils.PyDataset}
 * ({@link PyDatasetAdapter}).
 */
interface BatchSource {
    /** Batches in one epoch for the given batch size (a PyDataset has its own batches and ignores it). */
    int numBatches(int batchSize);

    /** The number of samples, or -1 when it is known only after reading every batch. */
    long numSamples();

    /** Starts a pass over the data, drawing a new sample or batch order when {@code shuffle}. */
    void onEpochBegin(boolean shuffle);

    /** Batch {@code b} of the current pass: {x, y or null, {sample weights} or null}. */
    INDArray[][] batch(int b, int batchSize);

    /** Ends a pass (possibly before its last batch). */
    void onEpochEnd();
}
