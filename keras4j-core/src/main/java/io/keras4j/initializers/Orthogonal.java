package io.keras4j.initializers;

import io.keras4j.engine.Config;
import io.keras4j.utils.RandomState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.BaseRandomOp;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;

/**
 * A random orthogonal matrix, as keras/src/initializers/random_initializers.py {@code Orthogonal}
 * ("orthogonal"): the shape is flattened to (prod(shape[:-1]), shape[-1]); a normal matrix of shape
 * (max, min) is QR-factorized, {@code Q} is multiplied column-wise by the signs of {@code diag(R)} (here:
 * modified Gram-Schmidt, whose {@code R} has a positive diagonal, which is the same {@code Q}), transposed
 * when there are fewer rows than columns, and scaled by {@code gain}. The rows (or columns, whichever are
 * fewer) are orthonormal. Defaults: gain 1, seed null.
 */
public class Orthogonal extends RandomInitializer {
    private final double gain;

    public Orthogonal() {
        this(1.0, null);
    }

    public Orthogonal(double gain, Long seed) {
        super(seed);
        this.gain = gain;
    }

    @Override
    BaseRandomOp op(INDArray out) {
        return new GaussianDistribution(out, 0.0, 1.0);
    }

    @Override
    public INDArray apply(long[] shape, DataType dtype) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("Orthogonal: the tensor to initialize must be at least two-dimensional, got shape "
                    + Arrays.toString(shape));
        }
        long rows = 1;
        for (int i = 0; i < shape.length - 1; i++) {
            rows *= shape[i];
        }
        long cols = shape[shape.length - 1];
        int n = Math.toIntExact(Math.max(rows, cols));
        int k = Math.toIntExact(Math.min(rows, cols));
        INDArray a = Nd4j.createUninitialized(DataType.DOUBLE, k, n);
        Nd4j.getExecutioner().exec(op(a), RandomState.generator(seed()));
        double[][] q = a.toDoubleMatrix();   // row j holds column j of the (n, k) normal matrix
        for (int j = 0; j < k; j++) {
            for (int p = 0; p < j; p++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += q[p][i] * q[j][i];
                }
                for (int i = 0; i < n; i++) {
                    q[j][i] -= dot * q[p][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += q[j][i] * q[j][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[j][i] /= norm;
            }
        }
        INDArray qt = Nd4j.createFromArray(q).muli(gain);   // (k, n) = gain * Q^T
        INDArray flat = rows < cols ? qt : qt.transpose();
        return flat.castTo(dtype).dup('c').reshape(shape);
    }

    @Override
    public Map<String, Object> getConfig() {
        return config("gain", gain);
    }

    public static Orthogonal fromConfig(Map<String, Object> map) {
        Config c = new Config("Orthogonal", map).allow("gain", "seed");
        return new Orthogonal(c.getDouble("gain", 1.0), seed(c));
    }
}
