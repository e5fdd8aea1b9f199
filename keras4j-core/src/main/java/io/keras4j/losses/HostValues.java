package io.keras4j.losses;

import io.keras4j.backend.FastPaths;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between small ND4J arrays and Java arrays for the losses computed in plain Java loops
 * ({@link RowKernelLoss}): on a [128, 10] output one bulk copy each way costs a few microseconds, where every
 * ND4J op costs tens of microseconds. Both directions go through ND4J's host copies (a bulk buffer read on the
 * {@link FastPaths}, {@code Nd4j.create} from a Java array), which also hold on a backend with device memory.
 */
final class HostValues {
    private HostValues() {
    }

    /** The values of {@code x} in row-major order, as doubles ({@link FastPaths#doubles}). */
    static double[] read(INDArray x) {
        return FastPaths.doubles(x);
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
