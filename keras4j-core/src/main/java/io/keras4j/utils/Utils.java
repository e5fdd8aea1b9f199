package io.keras4j.utils;

import io.keras4j.models.Model;
import io.keras4j.utils.plot.PlotOptions;
import io.keras4j.utils.plot.Plots;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.file.Path;

/** The utilities of {@code keras.utils} that ported scripts use. */
public final class Utils {
    private Utils() {
    }

    /**
     * One-hot encodes integer class labels, as {@code keras.utils.to_categorical(y)}: the number of classes is
     * {@code max(y) + 1}; the result is float32 with a new last axis.
     */
    public static INDArray toCategorical(INDArray y) {
        if (y.length() == 0) {
            throw new IllegalArgumentException("toCategorical: `y` is empty");
        }
        return toCategorical(y, (int) y.castTo(DataType.DOUBLE).maxNumber().doubleValue() + 1);
    }

    /**
     * One-hot encodes integer class labels into {@code numClasses} classes, as
     * {@code keras.utils.to_categorical(y, num_classes)}. A trailing axis of size 1 is dropped first, as Keras does.
     */
    public static INDArray toCategorical(INDArray y, int numClasses) {
        long[] shape = y.shape();
        if (shape.length > 1 && shape[shape.length - 1] == 1) {
            shape = java.util.Arrays.copyOf(shape, shape.length - 1);
        }
        double[] labels = y.castTo(DataType.DOUBLE).reshape(y.length()).toDoubleVector();
        float[] out = new float[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            double label = labels[i];
            if (label < 0 || label >= numClasses || label != Math.rint(label)) {
                throw new IllegalArgumentException("toCategorical: labels must be integers in [0, " + numClasses
                        + "), got " + label + " at index " + i);
            }
            out[i * numClasses + (int) label] = 1f;
        }
        long[] outShape = java.util.Arrays.copyOf(shape, shape.length + 1);
        outShape[shape.length] = numClasses;
        return Nd4j.create(out, outShape, 'c');
    }

    /**
     * Normalizes along {@code axis} to unit Lp norm, as {@code keras.utils.normalize(x, axis=-1, order=2)}:
     * {@code x / norm}, where a zero norm is left as 1 (so zero rows stay zero).
     */
    public static INDArray normalize(INDArray x, int axis, int order) {
        if (order < 1) {
            throw new IllegalArgumentException("normalize: `order` must be >= 1, got " + order);
        }
        int ax = axis < 0 ? x.rank() + axis : axis;
        INDArray norm = Transforms.pow(Transforms.abs(x, true), order, false).sum(true, ax);
        Transforms.pow(norm, 1.0 / order, false);
        norm = Transforms.max(norm.eq(0).castTo(norm.dataType()).addi(norm), 0.0, false);
        return x.div(norm.broadcast(x.shape()));
    }

    /** Normalizes along the last axis to unit L2 norm. */
    public static INDArray normalize(INDArray x) {
        return normalize(x, -1, 2);
    }

    /**
     * Seeds every random generator keras4j uses (initializers, dropout, shuffling), as
     * {@code keras.utils.set_random_seed}: afterwards, building and training the same model again gives
     * identical weights and history.
     */
    public static void setRandomSeed(long seed) {
        RandomState.seed(seed);
    }

    /**
     * Pads sequences to the length of the longest, as {@code keras.utils.pad_sequences(sequences)}: int32,
     * zeros in front, longer sequences cut at the front.
     */
    public static INDArray padSequences(java.util.List<int[]> sequences) {
        return Sequences.pad(sequences, null, "int32", "pre", "pre", 0.0);
    }

    /** Pads or truncates every sequence to {@code maxlen}, as {@code pad_sequences(sequences, maxlen=maxlen)}. */
    public static INDArray padSequences(java.util.List<int[]> sequences, int maxlen) {
        return Sequences.pad(sequences, maxlen, "int32", "pre", "pre", 0.0);
    }

    /**
     * Pads sequences into a (num_samples, maxlen) array, as keras/src/utils/sequence_utils.py {@code pad_sequences}.
     *
     * @param maxlen     the row length, or null for the longest sequence's length
     * @param dtype      the result dtype ("int32", "int64", "float32", ...)
     * @param padding    "pre" (pad before each sequence) or "post" (after)
     * @param truncating "pre" (drop values from the start of longer sequences) or "post" (from the end)
     * @param value      the padding value (cast to {@code dtype})
     */
    public static INDArray padSequences(java.util.List<int[]> sequences, Integer maxlen, String dtype, String padding,
            String truncating, double value) {
        return Sequences.pad(sequences, maxlen, dtype, padding, truncating, value);
    }

    /**
     * Sliding windows over a time series served in batches, as {@code keras.utils.timeseries_dataset_from_array(
     * data, targets, sequence_length)}; set the keyword arguments on the result ({@code sequenceStride},
     * {@code samplingRate}, {@code batchSize} (128), {@code shuffle}, {@code seed}, {@code startIndex},
     * {@code endIndex}). {@code targets} may be null.
     */
    public static TimeseriesDataset timeseriesDatasetFromArray(INDArray data, INDArray targets, int sequenceLength) {
        return new TimeseriesDataset(data, targets, sequenceLength);
    }

    /**
     * Draws the model as boxes and arrows to a {@code .png} or {@code .svg} file, as
     * {@code keras.utils.plot_model(model, to_file=path)} with Keras's defaults (layer classes only, top to bottom,
     * 200 dpi). Drawn in Java: no Graphviz needed.
     * <pre>{@code Utils.plotModel(model, Path.of("model.png"));}</pre>
     */
    public static void plotModel(Model model, Path path) {
        plotModel(model, path, new PlotOptions());
    }

    /**
     * Draws the model with {@code plot_model}'s keyword arguments: {@code showShapes}, {@code showDtype},
     * {@code showLayerNames}, {@code rankdir} ("TB" or "LR"), {@code expandNested}, {@code dpi},
     * {@code showLayerActivations}, {@code showTrainable}.
     * <pre>{@code Utils.plotModel(model, Path.of("model.svg"), new PlotOptions().showShapes(true).rankdir("LR"));}</pre>
     *
     * @throws IllegalArgumentException if the file name does not end in .png or .svg
     * @throws IllegalStateException    if a sequential model does not know its input shape yet
     */
    public static void plotModel(Model model, Path path, PlotOptions options) {
        Plots.model(model, path, options);
    }
}
