package io.keras4j.datasets;

import io.keras4j.datasets.DatasetFiles.Remote;
import java.nio.file.Path;
import java.util.List;

/**
 * The Boston housing price regression dataset, as keras/src/datasets/boston_housing.py {@code load_data}:
 * 506 samples of 13 features (float64) and the median home value in k$ (float64), shuffled with
 * {@code np.random.RandomState(seed)} and split at {@code int(506 * (1 - test_split))} (404 / 102 by default).
 *
 * <pre>{@code
 * TrainTestData boston = BostonHousing.loadData();               // test_split=0.2, seed=113
 * TrainTestData other = BostonHousing.loadData(0.1, 7);
 * }</pre>
 */
public final class BostonHousing {
    static final String NAME = "boston_housing";
    static final String NPZ = "boston_housing.npz";
    static final List<Remote> KERAS_FILES = List.of(Remote.of(DatasetFiles.KERAS_BASE_URL, NPZ,
            "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5"));

    private BostonHousing() {
    }

    /** {@code boston_housing.load_data()}: test_split 0.2, seed 113. */
    public static TrainTestData loadData() {
        return loadData(0.2, 113);
    }

    /** {@code boston_housing.load_data(test_split=, seed=)}. */
    public static TrainTestData loadData(double testSplit, long seed) {
        Housing.checkSplit(testSplit);
        return Housing.load(DatasetFiles.fromSystem(), NAME, NPZ, KERAS_FILES, -1, testSplit, seed);
    }

    /** As {@link #loadData(double, long)}, from the {@code boston_housing.npz} in {@code dir} only. */
    public static TrainTestData loadData(Path dir, double testSplit, long seed) {
        Housing.checkSplit(testSplit);
        return Housing.split(Housing.read(dir.resolve(NPZ)).orElseThrow(() -> new IllegalArgumentException(dir + ": no " + NPZ)),
                -1, testSplit, seed);
    }
}
