package io.keras4j.datasets;

import io.keras4j.datasets.DatasetFiles.Remote;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The CIFAR-10 small image classification dataset, as keras/src/datasets/cifar10.py {@code load_data}:
 * 50,000 training and 10,000 test 32x32 colour images over 10 classes (airplane, automobile, bird, cat,
 * deer, dog, frog, horse, ship, truck).
 *
 * <pre>{@code
 * TrainTestData cifar = Cifar10.loadData();
 * cifar.xTrain().shape();   // [50000, 32, 32, 3], UBYTE (channels last)
 * cifar.yTrain().shape();   // [50000, 1], UBYTE
 * }</pre>
 *
 * <p>Reads the pickled batches {@code data_batch_1..5} and {@code test_batch} from an extracted
 * {@code cifar-10-batches-py/} folder or directly from {@code cifar-10-python.tar.gz}; besides the places in
 * the package documentation it looks in Keras's caches {@code ~/.keras/datasets/cifar-10-batches-py-target}
 * and {@code ~/.keras/datasets}; failing all, it downloads Keras's archive and checks its SHA-256.
 */
public final class Cifar10 {
    static final String NAME = "cifar-10";
    static final String BASE = "cifar-10-batches-py";
    static final String ARCHIVE = "cifar-10-python.tar.gz";
    static final List<String> FILES = List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4",
            "data_batch_5", "test_batch");
    static final List<Remote> KERAS_FILES = List.of(Cifar.remote(ARCHIVE,
            "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce"));

    private Cifar10() {
    }

    /** Loads CIFAR-10 from the first place that has it, downloading it if none does. */
    public static TrainTestData loadData() {
        return load(DatasetFiles.fromSystem(), KERAS_FILES);
    }

    /** Loads CIFAR-10 from {@code dir} only (the extracted folder, its parent, or the folder holding the archive). */
    public static TrainTestData loadData(Path dir) {
        return read(dir).orElseThrow(() -> new IllegalArgumentException(dir + ": no CIFAR-10 files: expected "
                + Cifar.describe(BASE, ARCHIVE, FILES)));
    }

    static TrainTestData load(DatasetFiles files, List<Remote> remote) {
        return files.load(NAME, Cifar.kerasDirs(files, BASE), remote, Cifar10::read, Cifar.describe(BASE, ARCHIVE, FILES));
    }

    static Optional<TrainTestData> read(Path dir) {
        return Cifar.readBatches(dir, BASE, ARCHIVE, FILES).map(batches -> {
            List<INDArray> x = new ArrayList<>();
            List<INDArray> y = new ArrayList<>();
            for (String name : FILES.subList(0, 5)) {
                Map<Object, Object> b = batches.get(name);
                x.add(Cifar.images(b, name));
                y.add(Cifar.labels(b, "labels", x.get(x.size() - 1).size(0), name));
            }
            Map<Object, Object> test = batches.get("test_batch");
            INDArray xTest = Cifar.images(test, "test_batch");
            return new TrainTestData(Cifar.concat(x), Cifar.concat(y), xTest, Cifar.labels(test, "labels", xTest.size(0), "test_batch"));
        });
    }
}
