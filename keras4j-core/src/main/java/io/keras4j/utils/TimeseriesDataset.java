package io.keras4j.utils;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batches of sliding windows over a time series, as keras/src/utils/timeseries_dataset_utils.py
 * {@code timeseries_dataset_from_array}; made by {@link Utils#timeseriesDatasetFromArray} and configured
 * with Keras's keyword arguments as fluent setters.
 *
 * <p>Window {@code i} starts at {@code start_index + p_i} and holds {@code data[start + k * sampling_rate]}
 * for {@code k < sequence_length}; its target is {@code targets[start_index + p_i]}, where the positions
 * {@code p_i = 0, sequence_stride, 2 * sequence_stride, ...} stop before
 * {@code end_index - start_index - (sequence_length - 1) * sampling_rate} (and before {@code len(targets)}).
 * Shapes: x {@code (batch, sequence_length, *data.shape[1:])}, y {@code (batch, *targets.shape[1:])}.
 *
 * <pre>{@code
 * PyDataset windows = Utils.timeseriesDatasetFromArray(series, targets, 10).batchSize(32);
 * model.fit(windows, new FitOptions().epochs(5));
 * }</pre>
 *
 * <p>With {@code shuffle}, the start positions are permuted by {@code np.random.RandomState(seed).shuffle}
 * exactly as Keras does; Keras's tf.data pipeline then also shuffles windows within a buffer of
 * {@code 8 * batch_size}, which has no portable definition and is not reproduced.
 */
public final class TimeseriesDataset extends PyDataset {
    private final INDArray data;
    private final INDArray targets;
    private final int sequenceLength;
    private int sequenceStride = 1;
    private int samplingRate = 1;
    private int batchSize = 128;
    private boolean shuffle;
    private Long seed;
    private Integer startIndex;
    private Integer endIndex;
    private int[] positions;

    TimeseriesDataset(INDArray data, INDArray targets, int sequenceLength) {
        if (data == null || data.rank() == 0) {
            throw new IllegalArgumentException("timeseriesDatasetFromArray: `data` must have a time axis, got "
                    + (data == null ? "null" : "a scalar"));
        }
        if (sequenceLength <= 0) {
            throw new IllegalArgumentException("timeseriesDatasetFromArray: `sequence_length` must be > 0, got " + sequenceLength);
        }
        this.data = contiguous(data);
        this.targets = targets == null ? null : contiguous(targets);
        this.sequenceLength = sequenceLength;
    }

    private static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
    }

    public TimeseriesDataset sequenceStride(int sequenceStride) {
        this.sequenceStride = sequenceStride;
        return changed();
    }

    public TimeseriesDataset samplingRate(int samplingRate) {
        this.samplingRate = samplingRate;
        return changed();
    }

    public TimeseriesDataset batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("timeseriesDatasetFromArray: `batch_size` must be > 0, got " + batchSize);
        }
        this.batchSize = batchSize;
        return changed();
    }

    public TimeseriesDataset shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return changed();
    }

    public TimeseriesDataset seed(long seed) {
        this.seed = seed;
        return changed();
    }

    public TimeseriesDataset startIndex(int startIndex) {
        this.startIndex = startIndex;
        return changed();
    }

    public TimeseriesDataset endIndex(int endIndex) {
        this.endIndex = endIndex;
        return changed();
    }

    private TimeseriesDataset changed() {
        positions = null;
        return this;
    }

    /** The window start positions (relative to {@code start_index}), in batch order. */
    int[] positions() {
        if (positions == null) {
            positions = computePositions();
        }
        return positions;
    }

    private int[] computePositions() {
        long n = data.size(0);
        int start = startIndex == null ? 0 : startIndex;
        int end = endIndex == null ? (int) n : endIndex;
        check(start >= 0 && (startIndex == null || start < n), "`start_index` must be in [0, " + n + "), got " + start);
        check(endIndex == null || (end > start && end < n && end > 0),
                "`end_index` must be in (start_index, len(data)) = (" + start + ", " + n + "), got " + end);
        check(samplingRate > 0 && samplingRate < n, "`sampling_rate` must be in [1, " + n + "), got " + samplingRate);
        check(sequenceStride > 0 && sequenceStride < n, "`sequence_stride` must be in [1, " + n + "), got " + sequenceStride);
        long numSeqs = end - start - (long) (sequenceLength - 1) * samplingRate;
        if (targets != null) {
            numSeqs = Math.min(numSeqs, targets.size(0));
        }
        int count = numSeqs <= 0 ? 0 : (int) ((numSeqs + sequenceStride - 1) / sequenceStride);
        int[] p = new int[count];
        for (int i = 0; i < count; i++) {
            p[i] = i * sequenceStride;
        }
        if (shuffle) {
            long s = seed != null ? seed : RandomState.shuffler().nextInt(1_000_000);
            new NumpyRandomState(s).shuffle(p);
        }
        return p;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("timeseriesDatasetFromArray: " + message);
        }
    }

    @Override
    public int length() {
        return (positions().length + batchSize - 1) / batchSize;
    }

    @Override
    public Batch get(int index) {
        int[] p = positions();
        int from = index * batchSize;
        int to = Math.min(p.length, from + batchSize);
        if (index < 0 || from >= p.length) {
            throw new IndexOutOfBoundsException("TimeseriesDataset has " + length() + " batches, asked for batch " + index);
        }
        int start = startIndex == null ? 0 : startIndex;
        int[] rows = new int[(to - from) * sequenceLength];
        int[] targetRows = new int[to - from];
        for (int b = from; b < to; b++) {
            targetRows[b - from] = start + p[b];
            for (int k = 0; k < sequenceLength; k++) {
                rows[(b - from) * sequenceLength + k] = start + p[b] + k * samplingRate;
            }
        }
        long[] xShape = new long[data.rank() + 1];
        xShape[0] = to - from;
        xShape[1] = sequenceLength;
        System.arraycopy(data.shape(), 1, xShape, 2, data.rank() - 1);
        INDArray x = rows(data, rows).reshape('c', xShape);
        return targets == null ? Batch.of(x) : Batch.of(x, rows(targets, targetRows));
    }

    /** The given rows of {@code a} (first axis), as a new c-ordered array. */
    private static INDArray rows(INDArray a, int[] rows) {
        long rowLength = a.length() / Math.max(1, a.size(0));
        INDArray source = a.reshape('c', a.size(0), rowLength);
        INDArray out = Nd4j.pullRows(source, 1, rows);
        long[] shape = a.shape().clone();
        shape[0] = rows.length;
        return out.reshape('c', shape);
    }
}
