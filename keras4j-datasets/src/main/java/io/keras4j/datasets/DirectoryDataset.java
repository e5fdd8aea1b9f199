package io.keras4j.datasets;

import io.keras4j.utils.PyDataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The batches of files that {@link ImageDatasetFromDirectory} and {@link TextDatasetFromDirectory} return, as the
 * {@code tf.data.Dataset} of keras/src/utils/image_dataset_utils.py with its {@code class_names} and
 * {@code file_paths} attributes. Files are read when a batch is asked for. Labels per {@code label_mode}
 * (keras/src/utils/dataset_utils.py {@code labels_to_dataset_tf}): "int" int32 {@code (b)}, "categorical" float32
 * one-hot {@code (b, num_classes)}, "binary" float32 {@code (b, 1)}, null no labels (inputs only).
 */
public final class DirectoryDataset extends PyDataset {
    private final DirectoryIndex index;
    private final int batchSize;
    private final String labelMode;
    private final Function<List<Path>, INDArray> reader;

    DirectoryDataset(DirectoryIndex index, int batchSize, String labelMode, Function<List<Path>, INDArray> reader) {
        this.index = index;
        this.batchSize = batchSize;
        this.labelMode = labelMode;
        this.reader = reader;
    }

    /** The class names in label order (sorted sub-folder names unless given), or null without labels. */
    public List<String> classNames() {
        return index.classNames();
    }

    /** The files in dataset order, as Keras's {@code dataset.file_paths}. */
    public List<Path> filePaths() {
        return index.paths();
    }

    @Override
    public int length() {
        return (index.paths().size() + batchSize - 1) / batchSize;
    }

    @Override
    public Batch get(int i) {
        if (i < 0 || i >= length()) {
            throw new IndexOutOfBoundsException("Batch " + i + " of a dataset of " + length() + " batches");
        }
        int from = i * batchSize;
        int to = Math.min(from + batchSize, index.paths().size());
        INDArray x = reader.apply(index.paths().subList(from, to));
        if (labelMode == null) {
            return Batch.of(x);
        }
        int[] labels = java.util.Arrays.copyOfRange(index.labels(), from, to);
        return Batch.of(x, switch (labelMode) {
            case "int" -> Nd4j.createFromArray(labels);
            case "binary" -> Nd4j.createFromArray(labels).castTo(DataType.FLOAT).reshape(labels.length, 1);
            default -> oneHot(labels, index.classNames().size());
        });
    }

    private static INDArray oneHot(int[] labels, int numClasses) {
        INDArray out = Nd4j.zeros(DataType.FLOAT, labels.length, numClasses);
        for (int r = 0; r < labels.length; r++) {
            out.putScalar(r, labels[r], 1f);
        }
        return out;
    }

    /** Checks {@code label_mode} against the class count, as Keras's directory loaders. */
    static void checkLabelMode(String labelMode, DirectoryIndex index) {
        if (labelMode != null && !List.of("int", "categorical", "binary").contains(labelMode)) {
            throw new IllegalArgumentException("`label_mode` argument must be one of \"int\", \"categorical\", \"binary\", or null. "
                    + "Received: label_mode=" + labelMode);
        }
        if ("binary".equals(labelMode) && index.classNames().size() != 2) {
            throw new IllegalArgumentException("When passing `label_mode=\"binary\"`, there must be exactly 2 class_names. "
                    + "Received: class_names=" + index.classNames());
        }
    }
}
