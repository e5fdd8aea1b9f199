package io.keras4j.datasets;

import io.keras4j.datasets.DatasetFiles.Remote;
import io.keras4j.saving.KerasFormatException;
import io.keras4j.saving.Npz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The MNIST dataset of handwritten digits, as keras/src/datasets/mnist.py {@code load_data}.
 *
 * <p>60,000 training and 10,000 test grayscale images of the digits 0-9, 28x28 pixels valued 0-255.
 *
 * <pre>{@code
 * TrainTestData mnist = Mnist.loadData();
 * mnist.xTrain().shape();   // [60000, 28, 28], UBYTE
 * mnist.yTrain().shape();   // [60000], UBYTE, digits 0-9
 * }</pre>
 *
 * <p>Reads Keras's {@code mnist.npz} (keys {@code x_train, y_train, x_test, y_test}) or the four
 * original IDX files ({@code train-images-idx3-ubyte[.gz]} ...). See the package documentation for
 * where they are looked for; failing all places, {@code mnist.npz} is downloaded from Keras's URL.
 */
public final class Mnist {
    static final String NAME = "mnist";
    static final String NPZ = "mnist.npz";
    static final List<Remote> KERAS_FILES = List.of(Remote.of(DatasetFiles.KERAS_BASE_URL, NPZ,
            "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"));

    private Mnist() {
    }

    /**
     * Loads MNIST from the first place that has it, downloading it if none does.
     *
     * @return uint8 arrays of shapes (60000, 28, 28), (60000), (10000, 28, 28), (10000)
     * @throws KerasFormatException  if a file found is corrupt (the message names it)
     * @throws IllegalStateException if MNIST is nowhere and cannot be downloaded (the message lists every place)
     */
    public static TrainTestData loadData() {
        return load(DatasetFiles.fromSystem(), KERAS_FILES);
    }

    /**
     * Loads MNIST from {@code dir} only: {@code mnist.npz}, or else the four IDX files.
     *
     * @throws IllegalArgumentException if {@code dir} holds neither
     * @throws KerasFormatException     if a file is corrupt (the message names it)
     */
    public static TrainTestData loadData(Path dir) {
        return read(dir).orElseThrow(() -> new IllegalArgumentException(dir + ": no MNIST files: expected "
                + NPZ + " or " + Idx.describe()));
    }

    static TrainTestData load(DatasetFiles files, List<Remote> remote) {
        Path kerasCache = files.home().resolve(".keras").resolve("datasets");
        return files.load(NAME, List.of(kerasCache), remote, Mnist::read, NPZ + " or " + Idx.describe());
    }

    static Optional<TrainTestData> read(Path dir) {
        Path npz = dir.resolve(NPZ);
        return Files.isRegularFile(npz) ? Optional.of(readNpz(npz)) : Idx.readSet(dir);
    }

    private static TrainTestData readNpz(Path file) {
        Map<String, INDArray> arrays = Npz.read(file);
        return new TrainTestData(get(arrays, file, "x_train", 3), get(arrays, file, "y_train", 1),
                get(arrays, file, "x_test", 3), get(arrays, file, "y_test", 1));
    }

    private static INDArray get(Map<String, INDArray> arrays, Path file, String key, int rank) {
        INDArray array = arrays.get(key);
        if (array == null) {
            throw new KerasFormatException(file, "missing array '" + key + "'; found " + arrays.keySet());
        }
        if (array.dataType() != DataType.UBYTE || array.rank() != rank) {
            throw new KerasFormatException(file, "'" + key + "' must be uint8 of rank " + rank + ", got "
                    + array.dataType() + " of shape " + Arrays.toString(array.shape()));
        }
        return array;
    }
}
