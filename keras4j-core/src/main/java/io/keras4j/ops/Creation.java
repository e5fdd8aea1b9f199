package io.keras4j.ops;

import io.keras4j.backend.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Array constructors, as keras/src/ops/numpy.py and core.py: {@code zeros}, {@code ones}, {@code full},
 * {@code arange}, {@code eye}, {@code convert_to_tensor}. They are not differentiable (their results are constants).
 */
final class Creation {
    private Creation() {
    }

    private static DataType type(String op, String dtype) {
        return dtype == null ? Backend.floatxType() : DTypes.parse(op, dtype);
    }

    private static long[] checked(String op, long[] shape) {
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("ops." + op + ": shape " + Axes.shape(shape) + " has a negative size");
            }
        }
        return shape;
    }

    static INDArray full(long[] shape, double fillValue, String dtype) {
        return Nd4j.createUninitialized(type("full", dtype), checked("full", shape)).assign(fillValue);
    }

    static INDArray zeros(long[] shape, String dtype) {
        return Nd4j.zeros(type("zeros", dtype), checked("zeros", shape));
    }

    static INDArray ones(long[] shape, String dtype) {
        return Nd4j.ones(type("ones", dtype), checked("ones", shape));
    }

    /** Values from {@code start} (inclusive) to {@code stop} (exclusive) by {@code step}, as {@code arange}. */
    static INDArray arange(double start, double stop, double step, String dtype) {
        if (step == 0) {
            throw new IllegalArgumentException("ops.arange: step must not be 0");
        }
        long n = Math.max(0, (long) Math.ceil((stop - start) / step));
        INDArray out = Nd4j.createUninitialized(DataType.DOUBLE, n);
        for (long i = 0; i < n; i++) {
            out.putScalar(i, start + i * step);
        }
        return out.castTo(type("arange", dtype));
    }

    /** A 2-D array with ones on diagonal {@code k} (0: the main one), as {@code keras.ops.eye(N, M, k)}. */
    static INDArray eye(long n, long m, long k, String dtype) {
        INDArray out = Nd4j.zeros(type("eye", dtype), checked("eye", new long[]{n, m}));
        for (long i = Math.max(0, -k); i < n && i + k < m; i++) {
            out.putScalar(i, i + k, 1.0);
        }
        return out;
    }

    /**
     * An array from Java values, as {@code keras.ops.convert_to_tensor}: an {@link INDArray} (cast when {@code dtype} is
     * given), a {@link Number}, or a (nested) array of doubles, floats, ints or longs; floats default to {@code floatx},
     * ints to int32 and longs to int64.
     */
    static INDArray convertToTensor(Object x, String dtype) {
        INDArray out;
        if (x instanceof INDArray a) {
            out = a;
        } else if (x instanceof Integer || x instanceof Long) {
            out = Nd4j.scalar(x instanceof Integer ? DataType.INT32 : DataType.INT64, ((Number) x).longValue());
        } else if (x instanceof Number n) {
            out = Nd4j.scalar(Backend.floatxType(), n.doubleValue());
        } else if (x instanceof double[] v) {
            out = Nd4j.createFromArray(v).castTo(Backend.floatxType());
        } else if (x instanceof double[][] v) {
            out = Nd4j.createFromArray(v).castTo(Backend.floatxType());
        } else if (x instanceof float[] v) {
            out = Nd4j.createFromArray(v).castTo(Backend.floatxType());
        } else if (x instanceof float[][] v) {
            out = Nd4j.createFromArray(v).castTo(Backend.floatxType());
        } else if (x instanceof int[] v) {
            out = Nd4j.createFromArray(v);
        } else if (x instanceof int[][] v) {
            out = Nd4j.createFromArray(v);
        } else if (x instanceof long[] v) {
            out = Nd4j.createFromArray(v);
        } else if (x instanceof boolean[] v) {
            out = Nd4j.createFromArray(v);
        } else {
            throw new IllegalArgumentException("ops.convert_to_tensor: cannot convert "
                    + (x == null ? "null" : x.getClass().getSimpleName())
                    + "; expected an INDArray, a Number or an array of double, float, int, long or boolean (1-D or 2-D)");
        }
        return dtype == null ? out : DTypes.as(out, DTypes.parse("convert_to_tensor", dtype));
    }

    /** An array of {@code x}'s shape filled with {@code fillValue}, of {@code dtype} (null: x's type), as {@code full_like}. */
    static INDArray fullLike(INDArray x, double fillValue, String dtype) {
        DataType type = dtype == null ? x.dataType() : DTypes.parse("full_like", dtype);
        return Nd4j.createUninitialized(type, x.shape()).assign(fillValue);
    }

    /** {@code num} evenly spaced values from {@code start} to {@code stop} inclusive, as {@code keras.ops.linspace}. */
    static INDArray linspace(double start, double stop, int num, String dtype) {
        if (num < 0) {
            throw new IllegalArgumentException("ops.linspace: num must be >= 0, got " + num);
        }
        INDArray out = Nd4j.createUninitialized(DataType.DOUBLE, num);
        for (int i = 0; i < num; i++) {
            out.putScalar(i, num == 1 ? start : start + (stop - start) * i / (num - 1));
        }
        return out.castTo(type("linspace", dtype));
    }
}
