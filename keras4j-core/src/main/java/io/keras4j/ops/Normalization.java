package io.keras4j.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code keras.ops.moments} and {@code keras.ops.batch_normalization}, as keras/src/backend/jax/nn.py computes them,
 * written with ops (whose gradients they share).
 */
final class Normalization {
    private Normalization() {
    }

    /** The mean and (population) variance over {@code axes}: {@code {mean, variance}}, as {@code keras.ops.moments}. */
    static INDArray[] moments(INDArray x, int[] axes, boolean keepdims) {
        return new INDArray[]{Reductions.mean(x, axes, keepdims), Reductions.var(x, axes, keepdims)};
    }

    /**
     * {@code (x - mean) / sqrt(variance + epsilon) * scale + offset}, the 1-D statistics laid along {@code axis}, as
     * {@code keras.ops.batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3)}; {@code offset}
     * and {@code scale} may be null.
     */
    static INDArray batchNormalization(INDArray x, INDArray mean, INDArray variance, int axis, INDArray offset, INDArray scale,
                                       double epsilon) {
        int a = Axes.axis("batch_normalization", "axis", axis, x.rank());
        long[] shape = new long[x.rank()];
        java.util.Arrays.fill(shape, 1);
        shape[a] = x.size(a);
        INDArray[] stats = {mean, variance, offset, scale};
        String[] names = {"mean", "variance", "offset", "scale"};
        for (int i = 0; i < stats.length; i++) {
            if (stats[i] != null && stats[i].length() != x.size(a)) {
                throw new IllegalArgumentException("ops.batch_normalization: " + names[i] + " must have " + x.size(a)
                        + " values (axis " + a + " of x shape " + Axes.shape(x.shape()) + "), got shape " + Axes.shape(stats[i].shape()));
            }
        }
        INDArray inv = ElementWise.reciprocal(ElementWise.sqrt(Arithmetic.add(ShapeOps.reshape(variance, shape),
                DTypes.scalar(variance, epsilon))));
        if (scale != null) {
            inv = Arithmetic.multiply(inv, ShapeOps.reshape(scale, shape));
        }
        INDArray res = Arithmetic.multiply(ElementWise.negative(ShapeOps.reshape(mean, shape)), inv);
        if (offset != null) {
            res = Arithmetic.add(res, ShapeOps.reshape(offset, shape));
        }
        return Arithmetic.add(Arithmetic.multiply(x, inv), res);
    }
}
