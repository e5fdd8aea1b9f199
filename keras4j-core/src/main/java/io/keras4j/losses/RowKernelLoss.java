package io.keras4j.losses;

import io.keras4j.backend.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The base of the losses computed in plain Java loops over the rows of the 2-D view (the crossentropies, the
 * focal crossentropies, mean squared error): value and gradient of a training step take one bulk copy of targets
 * and predictions into Java arrays, one pass over the rows and one new gradient array, instead of a chain of
 * ND4J ops that each cost tens of microseconds on small outputs. Arithmetic is in double; the clip range
 * {@code [epsilon, 1 - epsilon]} is rounded to the predictions' dtype as Keras's backends round it.
 */
abstract class RowKernelLoss extends Loss {
    RowKernelLoss(String name) {
        super(name);
    }

    /**
     * The arrays of one evaluation: flat row-major targets and predictions of the 2-D view {@code [rows, columns]},
     * the gradient being written (null when not wanted), a scratch row and the clip range.
     */
    static final class Rows {
        final double[] t;
        final double[] p;
        final int columns;
        final double[] grad;
        final double[] scratch;
        final double low;
        final double high;

        Rows(double[] t, double[] p, int columns, boolean withGradient, DataType dtype) {
            this.t = t;
            this.p = p;
            this.columns = columns;
            this.grad = withGradient ? new double[p.length] : null;
            this.scratch = new double[columns];
            double eps = Backend.epsilon();
            this.low = dtype == DataType.FLOAT ? (float) eps : eps;
            this.high = dtype == DataType.FLOAT ? 1f - (float) eps : 1 - eps;
        }

        /** p clipped to [low, high]. */
        double clip(double p) {
            return Math.min(Math.max(p, low), high);
        }

        /** Whether p lies in the clip range, where the clipped value has derivative 1 (else 0). */
        boolean inside(double p) {
            return p >= low && p <= high;
        }
    }

    /**
     * The loss of the row whose values start at {@code from}; when {@code x.grad} is not null, also writes
     * {@code scale * d loss / d p} into {@code x.grad[from, from + columns)}.
     */
    abstract double row(Rows x, int from, double scale);

    /** The targets of the 2-D view as flat doubles; sparse losses override it to expand labels to one-hot rows. */
    double[] targetValues(INDArray yTrue, INDArray yPred) {
        validate(yTrue, yPred.shape(), "the model");
        return HostValues.read(yTrue);
    }

    @Override
    ValueAndGradient evaluate(INDArray yTrue, INDArray yPred, Weights w, boolean withGradient) {
        long[] view = view(yPred.shape());
        Rows x = new Rows(targetValues(yTrue, yPred), HostValues.read(yPred), (int) view[1], withGradient, yPred.dataType());
        double[] values = new double[(int) view[0]];
        for (int r = 0; r < values.length; r++) {
            values[r] = row(x, r * x.columns, w.scale(r));
        }
        return new ValueAndGradient(w.reduce(values), withGradient ? HostValues.write(x.grad, yPred.shape(), yPred.dataType()) : null);
    }

    @Override
    protected INDArray rowLosses(INDArray yTrue, INDArray yPred) {
        Rows x = new Rows(HostValues.read(yTrue), HostValues.read(yPred), (int) yPred.size(1), false, yPred.dataType());
        double[] values = new double[(int) yPred.size(0)];
        for (int r = 0; r < values.length; r++) {
            values[r] = row(x, r * x.columns, 0);
        }
        return HostValues.write(values, new long[]{values.length}, yPred.dataType());
    }

    @Override
    protected INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights) {
        Rows x = new Rows(HostValues.read(yTrue), HostValues.read(yPred), (int) yPred.size(1), true, yPred.dataType());
        double[] scale = HostValues.read(weights);
        for (int r = 0; r < scale.length; r++) {
            row(x, r * x.columns, scale[r]);
        }
        return HostValues.write(x.grad, yPred.shape(), yPred.dataType());
    }
}
