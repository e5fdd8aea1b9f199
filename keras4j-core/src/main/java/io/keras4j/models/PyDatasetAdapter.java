package io.keras4j.models;

import io.keras4j.utils.PyDataset;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Feeds a {@link PyDataset} to the training loops, as keras/src/trainers/data_adapters/py_dataset_adapter.py
 * {@code PyDatasetAdapter}: one batch per {@code get(i)}, the batch order shuffled per epoch when
 * {@code shuffle}, and with {@code workers > 1} up to {@code maxQueueSize} batches read ahead by a thread
 * pool and handed over in order (Keras's {@code OrderedEnqueuer}).
 */
final class PyDatasetAdapter implements BatchSource {
    private final PyDataset dataset;
    private final Function<PyDataset.Batch, ArrayData> standardize;
    private final int numBatches;
    private ExecutorService pool;
    private final ArrayDeque<Future<PyDataset.Batch>> ahead = new ArrayDeque<>();
    private int[] order;
    private int submitted;
    private int consumed;

    /**
     * @param standardize checks and casts one batch against the model (the model's {@code prepare})
     */
    PyDatasetAdapter(PyDataset dataset, Function<PyDataset.Batch, ArrayData> standardize) {
        this.dataset = dataset;
        this.standardize = standardize;
        this.numBatches = dataset.length();
        if (numBatches <= 0) {
            throw new IllegalArgumentException("PyDataset " + dataset.getClass().getName()
                    + ": length() must be a positive number of batches, got " + numBatches);
        }
    }

    @Override
    public int numBatches(int batchSize) {
        return numBatches;
    }

    @Override
    public long numSamples() {
        return -1;
    }

    @Override
    public void onEpochBegin(boolean shuffle) {
        order = shuffle ? Trainer.permutation(numBatches) : null;
        dataset.onEpochBegin();
        submitted = 0;
        consumed = 0;
        if (dataset.workers() > 1) {
            if (pool == null) {
                pool = Executors.newFixedThreadPool(dataset.workers(), r -> {
                    Thread t = new Thread(r, "keras4j-pydataset-worker");
                    t.setDaemon(true);
                    return t;
                });
            }
            while (submitted < Math.min(numBatches, dataset.maxQueueSize())) {
                submitNext();
            }
        }
    }

    private void submitNext() {
        int index = index(submitted++);
        ahead.add(pool.submit(() -> dataset.get(index)));
    }

    private int index(int b) {
        return order == null ? b : order[b];
    }

    @Override
    public INDArray[][] batch(int b, int batchSize) {
        if (b != consumed) {
            throw new IllegalStateException("PyDataset batches must be read in order: expected batch " + consumed + ", got " + b);
        }
        consumed++;
        PyDataset.Batch batch = pool == null ? dataset.get(index(b)) : takeAhead();
        if (batch == null || batch.x() == null) {
            throw new IllegalArgumentException("PyDataset " + dataset.getClass().getName() + ".get(" + index(b)
                    + ") returned no inputs");
        }
        ArrayData data = standardize.apply(batch);
        return new INDArray[][]{data.x, data.y, data.sampleWeight == null ? null : new INDArray[]{data.sampleWeight}};
    }

    private PyDataset.Batch takeAhead() {
        Future<PyDataset.Batch> next = ahead.poll();
        if (submitted < numBatches) {
            submitNext();
        }
        try {
            return next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a PyDataset batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("PyDataset " + dataset.getClass().getName() + ".get failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void onEpochEnd() {
        ahead.forEach(f -> f.cancel(true));
        ahead.clear();
        dataset.onEpochEnd();
    }

    /** Stops the worker threads. */
    void close() {
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }
}
