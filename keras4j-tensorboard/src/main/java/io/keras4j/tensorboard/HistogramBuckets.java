package io.keras4j.tensorboard;

/**
 * The buckets of a TensorBoard histogram, as tensorboard/plugins/histogram/summary_v2.py {@code _buckets} computes
 * them for {@code tf.summary.histogram}: {@code k} rows {@code [left_edge, right_edge, count]} over the data's range.
 *
 * <p>With {@code min} and {@code max} of the data and {@code width = (max - min) / k}, value {@code x} falls in bucket
 * {@code min(floor((x - min) / width), k - 1)} (so the last bucket is closed); the edges are
 * {@code min + i * width}, the last right edge {@code max} itself. Data that is all one value gives {@code k}
 * buckets with both edges at that value and every count in the last; empty data gives {@code k} rows of zeros.
 */
final class HistogramBuckets {
    /** TensorBoard's default bucket count ({@code DEFAULT_BUCKET_COUNT}). */
    static final int DEFAULT_BUCKET_COUNT = 30;

    private HistogramBuckets() {
    }

    /** {@code bucketCount} rows {@code [left_edge, right_edge, count]} of {@code data}. */
    static double[][] of(double[] data, int bucketCount) {
        if (bucketCount < 1) {
            throw new IllegalArgumentException("histogram bucket count must be positive, got " + bucketCount);
        }
        double[][] buckets = new double[bucketCount][3];
        if (data.length == 0) {
            return buckets;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : data) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double range = max - min;
        if (range == 0) {
            for (double[] bucket : buckets) {
                bucket[0] = max;
                bucket[1] = max;
            }
            buckets[bucketCount - 1][2] = data.length;
            return buckets;
        }
        double width = range / bucketCount;
        for (double x : data) {
            int index = (int) Math.min(Math.floor((x - min) / width), bucketCount - 1);
            buckets[index][2]++;
        }
        for (int i = 0; i < bucketCount; i++) {
            buckets[i][0] = min + i * width;
            buckets[i][1] = i == bucketCount - 1 ? max : min + (i + 1) * width;
        }
        return buckets;
    }
}
