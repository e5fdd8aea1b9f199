package io.keras4j.datasets;

import java.util.List;

/**
 * The per-feature mean and population variance of numeric rows (the label column left out), as
 * keras/src/layers/preprocessing/normalization.py {@code adapt} computes them.
 */
record Statistics(double[] mean, double[] variance) {
    static Statistics of(List<double[]> rows, int label) {
        Running running = new Running();
        rows.forEach(r -> running.add(r, label));
        return running.result();
    }

    /** Welford's one-pass mean and variance, numerically stable over millions of rows. */
    static final class Running {
        private long n;
        private double[] mean;
        private double[] m2;

        void add(double[] row, int label) {
            if (mean == null) {
                mean = new double[row.length - 1];
                m2 = new double[row.length - 1];
            }
            n++;
            for (int c = 0, f = 0; c < row.length; c++) {
                if (c == label) {
                    continue;
                }
                double delta = row[c] - mean[f];
                mean[f] += delta / n;
                m2[f] += delta * (row[c] - mean[f]);
                f++;
            }
        }

        Statistics result() {
            double[] variance = new double[m2.length];
            for (int f = 0; f < variance.length; f++) {
                variance[f] = m2[f] / n;
            }
            return new Statistics(mean, variance);
        }
    }
}
