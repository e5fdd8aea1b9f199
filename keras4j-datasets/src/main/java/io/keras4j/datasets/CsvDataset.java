package io.keras4j.datasets;

import io.keras4j.backend.Backend;
import io.keras4j.saving.KerasFormatException;
import io.keras4j.utils.PyDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.datavec.api.transform.TransformProcess;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Numeric records of a CSV file read through DataVec ({@code CSVRecordReader} parsing, an optional
 * {@link TransformProcess}) into a features array and a labels array, or streamed from disk in batches
 * as a {@link PyDataset}. Keras has no CSV reader of its own; the options follow what a Keras user does
 * by hand: pick the label column, one-hot encode it ({@code to_categorical}), standardize the features
 * with their mean and variance ({@code Normalization().adapt(x)}).
 *
 * <pre>{@code
 * FeaturesLabels iris = new CsvDataset(Path.of("iris.csv"), -1).skipNumLines(1).numClasses(3).normalize(true).load();
 * model.fit(iris.features(), iris.labels(), 50, 16);
 * PyDataset big = new CsvDataset(Path.of("big.csv"), 0).stream(256);   // one batch in memory at a time
 * }</pre>
 *
 * <p>A malformed line raises {@link KerasFormatException} naming the file, the line and the column.
 */
public final class CsvDataset {
    private final Path file;
    private final int labelColumn;
    private int skipNumLines;
    private char delimiter = ',';
    private int numClasses;
    private boolean normalize;
    private TransformProcess transform;

    /**
     * @param file        the CSV file
     * @param labelColumn the column holding the label, after the transform if any; negative counts from the
     *                    end ({@code -1} is the last column)
     */
    public CsvDataset(Path file, int labelColumn) {
        this.file = file;
        this.labelColumn = labelColumn;
    }

    /** Lines to skip at the top (a header), as DataVec's {@code skipNumLines}; default 0. */
    public CsvDataset skipNumLines(int skipNumLines) {
        if (skipNumLines < 0) {
            throw new IllegalArgumentException("CsvDataset: `skipNumLines` must be >= 0, got " + skipNumLines);
        }
        this.skipNumLines = skipNumLines;
        return this;
    }

    /** The field delimiter; default ','. */
    public CsvDataset delimiter(char delimiter) {
        this.delimiter = delimiter;
        return this;
    }

    /** One-hot encode integer labels 0..numClasses-1, as {@code to_categorical(y, num_classes)}; 0 keeps them as numbers. */
    public CsvDataset numClasses(int numClasses) {
        if (numClasses < 0) {
            throw new IllegalArgumentException("CsvDataset: `numClasses` must be >= 0, got " + numClasses);
        }
        this.numClasses = numClasses;
        return this;
    }

    /**
     * Standardize each feature to {@code (x - mean) / max(sqrt(variance), epsilon)} with the mean and the
     * (population) variance over all rows, as keras/src/layers/preprocessing/normalization.py after {@code adapt}.
     */
    public CsvDataset normalize(boolean normalize) {
        this.normalize = normalize;
        return this;
    }

    /** A DataVec transform applied to every record before the label is taken; the result must be numeric. */
    public CsvDataset transform(TransformProcess transform) {
        this.transform = transform;
        return this;
    }

    /** Reads every record into memory. */
    public FeaturesLabels load() {
        List<double[]> rows = new ArrayList<>();
        lines().read(0, 1, skipNumLines,
                (line, offset, values) -> rows.add(checked(values, line, rows.isEmpty() ? -1 : rows.get(0).length)));
        if (rows.isEmpty()) {
            throw new KerasFormatException(file, "no records after skipping " + skipNumLines + " line(s)");
        }
        Statistics stats = normalize ? Statistics.of(rows, labelIndex(rows.get(0).length)) : null;
        return arrays(rows, stats);
    }

    /**
     * Streams the records in batches of {@code batchSize} straight from the file: one pass now counts the
     * records, notes where each batch starts and (with {@link #normalize}) computes the statistics; each
     * {@code get(i)} then reads only its batch. Safe to read from several worker threads.
     */
    public PyDataset stream(int batchSize) {
        return stream(batchSize, 1, 10);
    }

    /** As {@link #stream(int)} with PyDataset's {@code workers} and {@code max_queue_size}. */
    public PyDataset stream(int batchSize, int workers, int maxQueueSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("CsvDataset: `batch_size` must be > 0, got " + batchSize);
        }
        List<long[]> starts = new ArrayList<>();
        Statistics.Running running = new Statistics.Running();
        int[] count = {0, -1};
        lines().read(0, 1, skipNumLines, (line, offset, values) -> {
            checked(values, line, count[1]);
            count[1] = values.length;
            if (count[0]++ % batchSize == 0) {
                starts.add(new long[]{offset, line});
            }
            if (normalize) {
                running.add(values, labelIndex(values.length));
            }
            return true;
        });
        if (count[0] == 0) {
            throw new KerasFormatException(file, "no records after skipping " + skipNumLines + " line(s)");
        }
        Statistics stats = normalize ? running.result() : null;
        int total = count[0];
        return new PyDataset(workers, maxQueueSize) {
            @Override
            public int length() {
                return starts.size();
            }

            @Override
            public Batch get(int index) {
                int size = Math.min(batchSize, total - index * batchSize);
                List<double[]> rows = new ArrayList<>(size);
                lines().read(starts.get(index)[0], starts.get(index)[1], 0, (line, offset, values) -> {
                    rows.add(values);
                    return rows.size() < size;
                });
                FeaturesLabels arrays = arrays(rows, stats);
                return Batch.of(arrays.features(), arrays.labels());
            }
        };
    }

    private CsvLines lines() {
        return new CsvLines(file, delimiter, transform);
    }

    private double[] checked(double[] values, long line, int columns) {
        if (columns >= 0 && values.length != columns) {
            throw new KerasFormatException(file, "line " + line + ": expected " + columns + " columns like the first record, got "
                    + values.length);
        }
        int label = labelIndex(values.length);
        if (label < 0 || label >= values.length || values.length < 2) {
            throw new KerasFormatException(file, "line " + line + ": label column " + labelColumn + " does not exist in a record of "
                    + values.length + " columns (a record needs at least one feature and the label)");
        }
        if (numClasses > 0 && (values[label] < 0 || values[label] >= numClasses || values[label] != Math.rint(values[label]))) {
            throw new KerasFormatException(file, "line " + line + ", column " + (label + 1) + ": label " + values[label]
                    + " is not a class index in [0, " + numClasses + ")");
        }
        return values;
    }

    private int labelIndex(int columns) {
        return labelColumn < 0 ? columns + labelColumn : labelColumn;
    }

    private FeaturesLabels arrays(List<double[]> rows, Statistics stats) {
        int n = rows.size();
        int columns = rows.get(0).length;
        int label = labelIndex(columns);
        float[] x = new float[n * (columns - 1)];
        float[] y = new float[n * Math.max(1, numClasses)];
        double epsilon = Backend.epsilon();
        for (int i = 0; i < n; i++) {
            double[] r = rows.get(i);
            for (int c = 0, f = 0; c < columns; c++) {
                if (c == label) {
                    continue;
                }
                double v = r[c];
                if (stats != null) {
                    v = (v - stats.mean()[f]) / Math.max(Math.sqrt(stats.variance()[f]), epsilon);
                }
                x[i * (columns - 1) + f++] = (float) v;
            }
            if (numClasses > 0) {
                y[i * numClasses + (int) r[label]] = 1f;
            } else {
                y[i] = (float) r[label];
            }
        }
        return new FeaturesLabels(Nd4j.create(x, new long[]{n, columns - 1}, 'c'),
                Nd4j.create(y, new long[]{n, Math.max(1, numClasses)}, 'c'));
    }
}
