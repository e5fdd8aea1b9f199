package io.keras4j.datasets;

import io.keras4j.datasets.DatasetFiles.Remote;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Fashion-MNIST dataset of Zalando article images, as keras/src/datasets/fashion_mnist.py
 * {@code load_data}.
 *
 * <p>60,000 training and 10,000 test grayscale images, 28x28 pixels valued 0-255, of 10 classes:
 * 0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker, 8 Bag,
 * 9 Ankle boot.
 *
 * <pre>{@code
 * TrainTestData fashion = FashionMnist.loadData();
 * fashion.xTrain().shape();   // [60000, 28, 28], UBYTE
 * }</pre>
 *
 * <p>Reads the four IDX files ({@code train-images-idx3-ubyte[.gz]} ...). Besides the places listed
 * in the package documentation it looks in Keras's cache {@code ~/.keras/datasets/fashion-mnist} and
 * in {@code /usr/share/datasets/fashion-mnist} (Debian's package {@code dataset-fashion-mnist});
 * failing all, it downloads Keras's four {@code .gz} files.
 */
public final class FashionMnist {
    static final String NAME = "fashion-mnist";
    static final List<Path> SYSTEM_DIRS = List.of(Path.of("/usr/share/datasets/fashion-mnist"));
    static final List<Remote> KERAS_FILES = List.of(
            Remote.of(DatasetFiles.KERAS_BASE_URL, "train-labels-idx1-ubyte.gz",
                    "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
            Remote.of(DatasetFiles.KERAS_BASE_URL, "train-images-idx3-ubyte.gz",
                    "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
            Remote.of(DatasetFiles.KERAS_BASE_URL, "t10k-labels-idx1-ubyte.gz",
                    "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"),
            Remote.of(DatasetFiles.KERAS_BASE_URL, "t10k-images-idx3-ubyte.gz",
                    "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"));

    private FashionMnist() {
    }

    /**
     * Loads Fashion-MNIST from the first place that has it, downloading it if none does.
     *
     * @return uint8 arrays of shapes (60000, 28, 28), (60000), (10000, 28, 28), (10000)
     * @throws io.keras4j.saving.KerasFormatException if a file found is corrupt (the message names it)
     * @throws IllegalStateException if Fashion-MNIST is nowhere and cannot be downloaded (the message
     *                               lists every place)
     */
    public static TrainTestData loadData() {
        return load(DatasetFiles.fromSystem(), SYSTEM_DIRS, KERAS_FILES);
    }

    /**
     * Loads Fashion-MNIST from the four IDX files in {@code dir} only.
     *
     * @throws IllegalArgumentException               if {@code dir} does not hold them
     * @throws io.keras4j.saving.KerasFormatException if a file is corrupt (the message names it)
     */
    public static TrainTestData loadData(Path dir) {
        return Idx.readSet(dir).orElseThrow(() -> new IllegalArgumentException(dir
                + ": no Fashion-MNIST files: expected " + Idx.describe()));
    }

    static TrainTestData load(DatasetFiles files, List<Path> systemDirs, List<Remote> remote) {
        List<Path> extra = new ArrayList<>();
        extra.add(files.home().resolve(".keras").resolve("datasets").resolve(NAME));
        extra.addAll(systemDirs);
        return files.load(NAME, extra, remote, Idx::readSet, Idx.describe());
    }
}
