package io.keras4j.datasets;

import io.keras4j.datasets.DatasetFiles.Remote;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The CIFAR-100 small image classification dataset, as keras/src/datasets/cifar100.py {@code load_data}:
 * 50,000 training and 10,000 test 32x32 colour images over 100 fine classes grouped in 20 coarse ones.
 *
 * <pre>{@code
 * TrainTestData fine = Cifar100.loadData();            // label_mode="fine"
 * TrainTestData coarse = Cifar100.loadData("coarse");
 * }</pre>
 *
 * <p>Reads the pickled {@code train} and {@code test} files of {@code cifar-100-python/} or of
 * {@code cifar-100-python.tar.gz}, found or downloaded as {@link Cifar10}'s.
 */
public final class Cifar100 {
    static final String NAME = "cifar-100";
    static final String BASE = "cifar-100-python";
    static final String ARCHIVE = "cifar-100-python.tar.gz";
    static final List<String> FILES = List.of("train", "test");
    static final List<Remote> KERAS_FILES = List.of(Cifar.remote(ARCHIVE,
            "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7"));

    private Cifar100() {
    }

    /** {@code cifar100.load_data()}: fine labels. */
    public static TrainTestData loadData() {
        return loadData("fine");
    }

    /** {@code cifar100.load_data(label_mode=)}, label mode "fine" or "coarse". */
    public static TrainTestData loadData(String labelMode) {
        return load(DatasetFiles.fromSystem(), KERAS_FILES, labelMode);
    }

    /** Loads CIFAR-100 from {@code dir} only. */
    public static TrainTestData loadData(Path dir, String labelMode) {
        String key = labelKey(labelMode);
        return read(dir, key).orElseThrow(() -> new IllegalArgumentException(dir + ": no CIFAR-100 files: expected "
                + Cifar.describe(BASE, ARCHIVE, FILES)));
    }

    static TrainTestData load(DatasetFiles files, List<Remote> remote, String labelMode) {
        String key = labelKey(labelMode);
        return files.load(NAME, Cifar.kerasDirs(files, BASE), remote, dir -> read(dir, key), Cifar.describe(BASE, ARCHIVE, FILES));
    }

    private static String labelKey(String labelMode) {
        if (!"fine".equals(labelMode) && !"coarse".equals(labelMode)) {
            throw new IllegalArgumentException("`label_mode` must be one of \"fine\", \"coarse\". Received: label_mode=" + labelMode + ".");
        }
        return labelMode + "_labels";
    }

    private static Optional<TrainTestData> read(Path dir, String key) {
        return Cifar.readBatches(dir, BASE, ARCHIVE, FILES).map(batches -> {
            Map<Object, Object> train = batches.get("train");
            Map<Object, Object> test = batches.get("test");
            INDArray xTrain = Cifar.images(train, "train");
            INDArray xTest = Cifar.images(test, "test");
            return new TrainTestData(xTrain, Cifar.labels(train, key, xTrain.size(0), "train"), xTest,
                    Cifar.labels(test, key, xTest.size(0), "test"));
        });
    }
}
