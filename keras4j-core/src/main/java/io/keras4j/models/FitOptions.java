package io.keras4j.models;

import io.keras4j.callbacks.Callback;
import io.keras4j.utils.PyDataset;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The keyword arguments of {@code model.fit(...)}, with Keras's names in camelCase and Keras's defaults:
 * epochs 1, batchSize 32, verbose 1, shuffle true, validationSplit 0, validationFreq 1, initialEpoch 0.
 */
public final class FitOptions {
    int epochs = 1;
    int batchSize = 32;
    int verbose = 1;
    List<Callback> callbacks = new ArrayList<>();
    double validationSplit;
    INDArray[] validationX;
    INDArray[] validationY;
    PyDataset validationDataset;
    boolean shuffle = true;
    Map<Integer, Double> classWeight;
    INDArray sampleWeight;
    int initialEpoch;
    Integer stepsPerEpoch;
    int validationFreq = 1;
    Integer validationBatchSize;

    public FitOptions epochs(int epochs) {
        this.epochs = epochs;
        return this;
    }

    public FitOptions batchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    /** 0 = silent, 1 = progress bar, 2 = one line per epoch. */
    public FitOptions verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    public FitOptions callbacks(Callback... callbacks) {
        this.callbacks = new ArrayList<>(Arrays.asList(callbacks));
        return this;
    }

    public FitOptions callbacks(List<Callback> callbacks) {
        this.callbacks = new ArrayList<>(callbacks);
        return this;
    }

    /** Fraction of the samples, taken from the end before shuffling, held out for validation. */
    public FitOptions validationSplit(double validationSplit) {
        this.validationSplit = validationSplit;
        return this;
    }

    /** Validation data for a single-input, single-output model; overrides {@link #validationSplit}. */
    public FitOptions validationData(INDArray x, INDArray y) {
        return validationData(new INDArray[]{x}, new INDArray[]{y});
    }

    /** Validation data, one array per model input and per model output. */
    public FitOptions validationData(INDArray[] x, INDArray[] y) {
        this.validationX = x;
        this.validationY = y;
        return this;
    }

    /** Validation batches from a {@link PyDataset}; overrides the array forms and {@link #validationSplit}. */
    public FitOptions validationData(PyDataset validation) {
        this.validationDataset = validation;
        return this;
    }

    public FitOptions shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /** Class index to the weight of its samples in the loss. */
    public FitOptions classWeight(Map<Integer, Double> classWeight) {
        this.classWeight = classWeight;
        return this;
    }

    /** One weight per training sample. */
    public FitOptions sampleWeight(INDArray sampleWeight) {
        this.sampleWeight = sampleWeight;
        return this;
    }

    /** The epoch to start at (to resume training); {@code epochs} is the final epoch. */
    public FitOptions initialEpoch(int initialEpoch) {
        this.initialEpoch = initialEpoch;
        return this;
    }

    /** Steps per epoch; by default the number of batches in the data. */
    public FitOptions stepsPerEpoch(int stepsPerEpoch) {
        this.stepsPerEpoch = stepsPerEpoch;
        return this;
    }

    /** Validate every {@code validationFreq} epochs. */
    public FitOptions validationFreq(int validationFreq) {
        this.validationFreq = validationFreq;
        return this;
    }

    public FitOptions validationBatchSize(int validationBatchSize) {
        this.validationBatchSize = validationBatchSize;
        return this;
    }

    /** Checks the values as Keras's {@code fit} does before training; the error names the argument. */
    void check() {
        require(epochs >= 0, "epochs", "an integer >= 0", epochs);
        require(batchSize > 0, "batch_size", "a positive integer", batchSize);
        require(validationSplit >= 0 && validationSplit < 1, "validation_split", "a fraction in [0, 1)", validationSplit);
        require(validationFreq > 0, "validation_freq", "a positive integer", validationFreq);
        require(initialEpoch >= 0, "initial_epoch", "an integer >= 0", initialEpoch);
        require(stepsPerEpoch == null || stepsPerEpoch > 0, "steps_per_epoch", "a positive integer", stepsPerEpoch);
        require(validationBatchSize == null || validationBatchSize > 0, "validation_batch_size", "a positive integer",
                validationBatchSize);
        require(callbacks.stream().noneMatch(java.util.Objects::isNull), "callbacks", "callbacks, none of them null", callbacks);
        require(classWeight == null || classWeight.entrySet().stream().noneMatch(e -> e.getKey() == null || e.getValue() == null
                || !Double.isFinite(e.getValue())), "class_weight", "finite weights for non-null class indices", classWeight);
        require((validationX == null) == (validationY == null), "validation_data", "both inputs and targets",
                validationX == null ? "no inputs" : "no targets");
    }

    private static void require(boolean ok, String argument, String expected, Object actual) {
        if (!ok) {
            throw new IllegalArgumentException("fit: `" + argument + "` must be " + expected + ", got " + actual);
        }
    }
}
