package io.keras4j.spark;

import io.keras4j.callbacks.Callback;
import io.keras4j.utils.RandomState;
import org.apache.spark.api.java.JavaRDD;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The arguments of {@link SparkModel#fit}: {@code fit}'s ({@code epochs}, {@code batch_size} as the global batch,
 * {@code verbose}, {@code callbacks}, {@code validation_data}, {@code validation_freq}, {@code shuffle},
 * {@code initial_epoch}) and Spark's own: the shuffle {@code seed}, the {@code treeAggregate} depth, and
 * parameter averaging instead of synchronous gradients.
 */
public final class SparkFitOptions {
    int epochs = 1;
    int batchSize = 32;
    int verbose = 1;
    List<Callback> callbacks = new ArrayList<>();
    INDArray validationX;
    INDArray validationY;
    JavaRDD<Sample> validationData;
    int validationFreq = 1;
    Integer validationBatchSize;
    boolean shuffle = true;
    Long seed;
    int initialEpoch;
    int aggregationDepth = 2;
    int averagingFrequency;

    public SparkFitOptions epochs(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("SparkFitOptions: `epochs` must be >= 0, got " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    /** The global batch size: the rows of one optimizer step, summed over all partitions. */
    public SparkFitOptions batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("SparkFitOptions: `batch_size` must be > 0, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /** 0 = silent, 1 = progress bar (on the driver's standard output), as {@code fit}'s {@code verbose}. */
    public SparkFitOptions verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /** Callbacks run on the driver, as in {@code fit}: History, EarlyStopping, ModelCheckpoint, ... */
    public SparkFitOptions callbacks(Callback... callbacks) {
        this.callbacks = new ArrayList<>(Arrays.asList(callbacks));
        return this;
    }

    /** Validation arrays held by the driver, evaluated there after each epoch ({@code val_} logs). */
    public SparkFitOptions validationData(INDArray x, INDArray y) {
        this.validationX = x;
        this.validationY = y;
        this.validationData = null;
        return this;
    }

    /** A validation RDD, evaluated on the executors after each epoch ({@code val_} logs). */
    public SparkFitOptions validationData(JavaRDD<Sample> validation) {
        this.validationData = validation;
        this.validationX = null;
        this.validationY = null;
        return this;
    }

    /** Validate every {@code validationFreq} epochs, as {@code validation_freq}. */
    public SparkFitOptions validationFreq(int validationFreq) {
        if (validationFreq <= 0) {
            throw new IllegalArgumentException("SparkFitOptions: `validation_freq` must be > 0, got " + validationFreq);
        }
        this.validationFreq = validationFreq;
        return this;
    }

    /** The batch size of validation (default: {@code batchSize}). */
    public SparkFitOptions validationBatchSize(int validationBatchSize) {
        this.validationBatchSize = validationBatchSize;
        return this;
    }

    /** Whether each partition shuffles its rows every epoch (rows never move between partitions). */
    public SparkFitOptions shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /** The seed of the per-partition shuffles (default: drawn from {@code Utils.setRandomSeed}'s generator). */
    public SparkFitOptions seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The epoch to start at (to resume training); {@code epochs} is the final epoch. */
    public SparkFitOptions initialEpoch(int initialEpoch) {
        this.initialEpoch = initialEpoch;
        return this;
    }

    /** The depth of the {@code treeAggregate} that sums the partitions' gradients (Spark's default 2). */
    public SparkFitOptions aggregationDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("SparkFitOptions: `aggregation_depth` must be >= 1, got " + depth);
        }
        this.aggregationDepth = depth;
        return this;
    }

    /**
     * Parameter averaging instead of synchronous gradients, as Deeplearning4j's ParameterAveragingTrainingMaster:
     * each executor trains its replica alone on its share of {@code k} consecutive global batches (its own optimizer
     * steps), then the driver averages the weights and the optimizer state (weighted by rows). One Spark job and one
     * weights exchange per {@code k} steps instead of per step; the price is that the result is no longer the
     * single-machine result (workers drift apart between averagings; larger {@code k}, more drift). {@code k = 0}
     * (the default) is synchronous training.
     */
    public SparkFitOptions averagingFrequency(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("SparkFitOptions: `averaging_frequency` must be >= 0, got " + k);
        }
        this.averagingFrequency = k;
        return this;
    }

    long seedOrDraw() {
        if (seed == null) {
            seed = RandomState.shuffler().nextLong();
        }
        return seed;
    }
}
