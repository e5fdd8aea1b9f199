package io.keras4j.datasets;

import io.keras4j.datasets.DatasetFiles.Remote;
import java.nio.file.Path;
import java.util.List;

/**
 * The California housing price regression dataset, as keras/src/datasets/california_housing.py
 * {@code load_data}: 20,640 samples of 8 features and the median house value, or with version "small"
 * the first 600; shuffled with {@code np.random.RandomState(seed)}, split at {@code int(n * (1 - test_split))}.
 *
 * <pre>{@code
 * TrainTestData cal = CaliforniaHousing.loadData("small", 0.2, 113);
 * }</pre>
 */
public final class CaliforniaHousing {
    static final String NAME = "california_housing";
    static final String NPZ = "california_housing.npz";
    static final List<Remote> KERAS_FILES = List.of(Remote.of(DatasetFiles.KERAS_BASE_URL, NPZ,
            "1a2e3a52e0398de6463aebe6f4a8da34fb21fbb6b934cf88c3425e766f2a1a6f"));

    private CaliforniaHousing() {
    }

    /** {@code california_housing.load_data()}: version "large", test_split 0.2, seed 113. */
    public static TrainTestData loadData() {
        return loadData("large", 0.2, 113);
    }

    /** {@code california_housing.load_data(version=, test_split=, seed=)}; version is "large" or "small". */
    public static TrainTestData loadData(String version, double testSplit, long seed) {
        Housing.checkSplit(testSplit);
        return Housing.load(DatasetFiles.fromSystem(), NAME, NPZ, KERAS_FILES, rows(version), testSplit, seed);
    }

    /** As {@link #loadData(String, double, long)}, from the {@code california_housing.npz} in {@code dir} only. */
    public static TrainTestData loadData(Path dir, String version, double testSplit, long seed) {
        Housing.checkSplit(testSplit);
        return Housing.split(Housing.read(dir.resolve(NPZ)).orElseThrow(() -> new IllegalArgumentException(dir + ": no " + NPZ)),
                rows(version), testSplit, seed);
    }

    static int rows(String version) {
        return switch (version) {
            case "large" -> -1;
            case "small" -> 600;
            default -> throw new IllegalArgumentException("Argument `version` must be one of 'small', 'large'. Received: version="
                    + version);
        };
    }
}
