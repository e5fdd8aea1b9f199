package io.keras4j.utils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expected batches printed by keras.utils.timeseries_dataset_from_array on data = arange(40).reshape(20, 2),
 * targets = arange(100, 120) (src/test/python/utils_golden.py): per batch its size, the first window's first
 * column (x0[:, 0]) and the targets.
 */
class TimeseriesDatasetTest {
    private static final INDArray DATA = Nd4j.arange(40).reshape(20, 2).castTo(DataType.FLOAT);
    private static final INDArray TARGETS = Nd4j.arange(100, 120).castTo(DataType.INT32);

    static Stream<Arguments> kerasCases() {
        return Stream.of(
                Arguments.of((UnaryOperator<TimeseriesDataset>) d -> d.batchSize(3), 4, new int[]{3, 3, 3, 3, 3, 2},
                        new double[][]{{0, 2, 4, 6}, {6, 8, 10, 12}, {12, 14, 16, 18}, {18, 20, 22, 24}, {24, 26, 28, 30}, {30, 32, 34, 36}},
                        new int[][]{{100, 101, 102}, {103, 104, 105}, {106, 107, 108}, {109, 110, 111}, {112, 113, 114}, {115, 116}}),
                Arguments.of((UnaryOperator<TimeseriesDataset>) d -> d.sequenceStride(2).samplingRate(2).batchSize(4), 3,
                        new int[]{4, 4}, new double[][]{{0, 4, 8}, {16, 20, 24}},
                        new int[][]{{100, 102, 104, 106}, {108, 110, 112, 114}}),
                Arguments.of((UnaryOperator<TimeseriesDataset>) d -> d.batchSize(5).startIndex(2).endIndex(15), 3,
                        new int[]{5, 5, 1}, new double[][]{{4, 6, 8}, {14, 16, 18}, {24, 26, 28}},
                        new int[][]{{102, 103, 104, 105, 106}, {107, 108, 109, 110, 111}, {112}}));
    }

    @ParameterizedTest
    @MethodSource("kerasCases")
    void batchesMatchKeras(UnaryOperator<TimeseriesDataset> options, int sequenceLength, int[] sizes, double[][] firstWindow,
            int[][] targets) {
        TimeseriesDataset ds = options.apply(Utils.timeseriesDatasetFromArray(DATA, TARGETS, sequenceLength));
        assertEquals(sizes.length, ds.length());
        for (int b = 0; b < sizes.length; b++) {
            PyDataset.Batch batch = ds.get(b);
            assertArrayEquals(new long[]{sizes[b], sequenceLength, 2}, batch.x()[0].shape());
            assertArrayEquals(firstWindow[b], batch.x()[0].slice(0)
                    .getColumn(0).castTo(DataType.DOUBLE).toDoubleVector(), 0.0);
            assertArrayEquals(targets[b], batch.y()[0].toIntVector());
        }
    }

    @Test
    void oneDimensionalSeriesWithoutTargets() {
        TimeseriesDataset ds = Utils.timeseriesDatasetFromArray(Nd4j.arange(10).castTo(DataType.FLOAT), null, 3).batchSize(4);
        assertEquals(2, ds.length());
        PyDataset.Batch last = ds.get(1);
        assertEquals(null, last.y());
        assertArrayEquals(new long[]{4, 3}, last.x()[0].shape());
        assertArrayEquals(new float[]{7, 8, 9}, last.x()[0].getRow(3).toFloatVector(), 0f);
    }

    @Test
    void shuffleUsesNumpysPermutationOfStartPositions() {
        TimeseriesDataset ds = Utils.timeseriesDatasetFromArray(DATA, TARGETS, 4).shuffle(true).seed(113);
        // 17 windows start at 0..16; np.random.RandomState(113).shuffle(np.arange(17))
        int[] expected = new NumpyRandomState(113).shuffledRange(17);
        assertArrayEquals(expected, ds.positions());
        int[] y = ds.get(0).y()[0].toIntVector();
        assertEquals(17, y.length);
        Set<Integer> seen = new HashSet<>();
        Arrays.stream(y).forEach(v -> seen.add(v - 100));
        assertEquals(17, seen.size());
        assertEquals(100 + expected[0], y[0]);
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Utils.timeseriesDatasetFromArray(DATA, TARGETS, 3).samplingRate(0).length());
        assertTrue(e.getMessage().contains("`sampling_rate` must be in [1, 20), got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Utils.timeseriesDatasetFromArray(DATA, TARGETS, 3).endIndex(20).length());
        assertTrue(e.getMessage().contains("`end_index`"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Utils.timeseriesDatasetFromArray(DATA, TARGETS, 0));
    }
}
