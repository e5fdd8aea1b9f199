package io.keras4j.utils;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dataset served batch by batch, as {@code keras.utils.PyDataset} (keras/src/trainers/data_adapters/
 * py_dataset_adapter.py): {@link #length()} is the number of batches ({@code __len__}), {@link #get(int)}
 * returns one complete batch ({@code __getitem__}). {@code model.fit}, {@code evaluate} and {@code predict}
 * accept it and ask for one batch at a time, so the data never has to fit in memory.
 *
 * <pre>{@code
 * class Files extends PyDataset {
 *     Files() { super(4, 10); }                       // workers=4, max_queue_size=10
 *     public int length() { return 1000; }
 *     public Batch get(int i) { return Batch.of(readX(i), readY(i)); }
 * }
 * model.fit(new Files(), new FitOptions().epochs(3));
 * }</pre>
 *
 * <p>With {@code workers > 1}, {@code fit}/{@code evaluate}/{@code predict} call {@link #get(int)} from that
 * many threads, keeping at most {@code maxQueueSize} batches ready ahead of the model, in order (Keras's
 * {@code OrderedEnqueuer}); {@code get} must then be thread-safe. Keras's {@code use_multiprocessing}
 * has no Java counterpart: workers are threads of the same JVM.
 */
public abstract class PyDataset {
    private final int workers;
    private final int maxQueueSize;

    /** Keras's defaults: {@code workers=1} (batches are read on the training thread), {@code max_queue_size=10}. */
    protected PyDataset() {
        this(1, 10);
    }

    /**
     * @param workers      threads reading batches ahead of the model; 1 reads them on the training thread
     * @param maxQueueSize batches kept ready at most when {@code workers > 1}
     */
    protected PyDataset(int workers, int maxQueueSize) {
        if (workers < 1 || maxQueueSize < 1) {
            throw new IllegalArgumentException("PyDataset: `workers` and `max_queue_size` must be >= 1, got workers="
                    + workers + ", max_queue_size=" + maxQueueSize);
        }
        this.workers = workers;
        this.maxQueueSize = maxQueueSize;
    }

    /** The number of batches, as {@code __len__} / {@code num_batches}. */
    public abstract int length();

    /** Batch {@code index} (0 to {@code length() - 1}), as {@code __getitem__}. */
    public abstract Batch get(int index);

    /** Called at the start of every epoch, as {@code on_epoch_begin}. */
    public void onEpochBegin() {
    }

    /** Called at the end of every epoch (e.g. to reshuffle files), as {@code on_epoch_end}. */
    public void onEpochEnd() {
    }

    /** Threads reading batches, as {@code workers}. */
    public final int workers() {
        return workers;
    }

    /** Batches kept ready at most, as {@code max_queue_size}. */
    public final int maxQueueSize() {
        return maxQueueSize;
    }

    /**
     * One batch: one array per model input, one per model output (null for prediction-only data), and
     * optional per-sample weights; as the {@code x}, {@code (x, y)} or {@code (x, y, sample_weight)} tuples
     * {@code __getitem__} returns. All arrays have the batch size as their first dimension.
     */
    public record Batch(INDArray[] x, INDArray[] y, INDArray sampleWeight) {
        /** Inputs only (for {@code predict}). */
        public static Batch of(INDArray x) {
            return new Batch(new INDArray[]{x}, null, null);
        }

        /** One input and one target array. */
        public static Batch of(INDArray x, INDArray y) {
            return new Batch(new INDArray[]{x}, new INDArray[]{y}, null);
        }

        /** One input, one target array and per-sample weights. */
        public static Batch of(INDArray x, INDArray y, INDArray sampleWeight) {
            return new Batch(new INDArray[]{x}, new INDArray[]{y}, sampleWeight);
        }
    }
}
