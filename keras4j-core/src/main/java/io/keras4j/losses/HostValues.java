package io.keras4j.losses;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between small ND4J arrays and Java arrays for the losses computed in plain Java loops
 * ({@link RowKernelLoss}): on a [128, 10] output one bulk copy each way costs a few microseconds, where every
 * ND4J op costs tens of microseconds.
 */
final class HostValues {
    private HostValues() {
    }

    /** The values of {@code x} in row-major order, as doubles. A c-ordered float or double array is read with one bulk copy. */
    static double[] read(INDArray x) {
        INDArray c = x.dataType() == DataType.FLOAT || x.dataType() == DataType.DOUBLE ? x : x.castTo(DataType.DOUBLE);
        if (c.isView() || c.ordering() != 'c' || c.data().length() != c.length()) {
            c = c.dup('c');
        }
        if (c.dataType() == DataType.DOUBLE) {
            return c.data().asDouble();
        }
        float[] f = c.data().asFloat();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** A new array of the given shape and dtype holding {@code values} in row-major order. */
    static INDArray write(double[] values, long[] shape, DataType dtype) {
        if (dtype == DataType.DOUBLE) {
            return Nd4j.create(values, shape, 'c');
        }
        if (dtype == DataType.FLOAT) {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            return Nd4j.create(f, shape, 'c');
        }
        return Nd4j.create(values, shape, 'c').castTo(dtype);
    }
}
