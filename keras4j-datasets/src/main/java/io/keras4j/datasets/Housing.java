package io.keras4j.datasets;

import io.keras4j.datasets.DatasetFiles.Remote;
import io.keras4j.saving.KerasFormatException;
import io.keras4j.saving.Npz;
import io.keras4j.utils.NumpyRandomState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shared body of keras/src/datasets/boston_housing.py and california_housing.py {@code load_data}:
 * read {@code x} and {@code y} from the npz, optionally keep the first rows, shuffle with
 * {@code np.random.RandomState(seed)}, split at {@code int(len(x) * (1 - test_split))}.
 */
final class Housing {
    private Housing() {
    }

    static void checkSplit(double testSplit) {
        if (!(testSplit >= 0 && testSplit < 1)) {
            throw new IllegalArgumentException("Invalid `test_split` argument: " + testSplit
                    + ". It must be between 0 and 1 (exclusive of 1).");
        }
    }

    static TrainTestData load(DatasetFiles files, String name, String npz, List<Remote> remote, int firstRows,
            double testSplit, long seed) {
        INDArray[] xy = files.load(name, List.of(files.home().resolve(".keras").resolve("datasets")), remote,
                dir -> read(dir.resolve(npz)), npz);
        return split(xy, firstRows, testSplit, seed);
    }

    static Optional<INDArray[]> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<String, INDArray> f = Npz.read(file);
        INDArray x = f.get("x");
        INDArray y = f.get("y");
        if (x == null || y == null || x.rank() < 1 || y.rank() < 1 || x.size(0) != y.size(0)) {
            throw new KerasFormatException(file, "expected arrays 'x' and 'y' with as many rows; found "
                    + f.keySet() + (x != null && y != null ? " of shapes " + Arrays.toString(x.shape()) + " and "
                    + Arrays.toString(y.shape()) : ""));
        }
        return Optional.of(new INDArray[]{x, y});
    }

    /** @param firstRows keep only the first rows (California's "small" version), or -1 for all */
    static TrainTestData split(INDArray[] xy, int firstRows, double testSplit, long seed) {
        int n = (int) (firstRows < 0 ? xy[0].size(0) : Math.min(firstRows, xy[0].size(0)));
        int[] order = new NumpyRandomState(seed).shuffledRange(n);
        INDArray x = rows(xy[0], order);
        INDArray y = rows(xy[1], order);
        int train = (int) (n * (1 - testSplit));
        return new TrainTestData(slice(x, 0, train), slice(y, 0, train), slice(x, train, n), slice(y, train, n));
    }

    private static INDArray rows(INDArray a, int[] order) {
        long width = a.length() / a.size(0);
        INDArray out = Nd4j.pullRows(a.dup('c').reshape('c', a.size(0), width), 1, order);
        long[] shape = a.shape().clone();
        shape[0] = order.length;
        return out.reshape('c', shape);
    }

    private static INDArray slice(INDArray a, int from, int to) {
        long width = a.length() / a.size(0);
        long[] shape = a.shape().clone();
        shape[0] = to - from;
        if (to == from) {
            return Nd4j.create(a.dataType(), shape);
        }
        return a.reshape('c', a.size(0), width).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c').reshape('c', shape);
    }
}
