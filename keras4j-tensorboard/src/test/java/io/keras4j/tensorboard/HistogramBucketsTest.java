package io.keras4j.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Bucket edges and counts worked out by hand from tensorboard's {@code _buckets}. */
class HistogramBucketsTest {
    @Test
    void equalWidthBucketsWithTheMaximumInTheLast() {
        // range 0..3 in 3 buckets of width 1: 0 -> 0, 1 -> 1, 2 and 3 -> 2 (the last bucket is closed), 0.5 -> 0
        double[][] b = HistogramBuckets.of(new double[]{0, 1, 2, 3, 0.5}, 3);
        assertArrayEquals(new double[][]{{0, 1, 2}, {1, 2, 1}, {2, 3, 2}}, b);
    }

    @Test
    void negativeRange() {
        // -1..1 in 4 buckets of 0.5: -1 -> 0, -0.25 -> 1, 0 -> 2, 0.9 -> 3, 1 -> 3
        double[][] b = HistogramBuckets.of(new double[]{-1, -0.25, 0, 0.9, 1}, 4);
        assertArrayEquals(new double[][]{{-1, -0.5, 1}, {-0.5, 0, 1}, {0, 0.5, 1}, {0.5, 1, 2}}, b);
    }

    @Test
    void oneValueGoesToTheLastBucketWithBothEdgesAtIt() {
        double[][] b = HistogramBuckets.of(new double[]{2.5, 2.5, 2.5}, 3);
        assertArrayEquals(new double[][]{{2.5, 2.5, 0}, {2.5, 2.5, 0}, {2.5, 2.5, 3}}, b);
    }

    @Test
    void emptyDataGivesZeros() {
        assertArrayEquals(new double[][]{{0, 0, 0}, {0, 0, 0}}, HistogramBuckets.of(new double[0], 2));
    }

    @Test
    void bucketCountMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> HistogramBuckets.of(new double[]{1}, 0));
    }
}
