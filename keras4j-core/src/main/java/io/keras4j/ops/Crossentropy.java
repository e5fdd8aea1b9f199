package io.keras4j.ops;

import io.keras4j.backend.Backend;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * The crossentropies of keras/src/ops/nn.py, as its JAX backend computes them (keras/src/backend/jax/nn.py): without
 * {@code from_logits} the probabilities are clipped to {@code [epsilon, 1 - epsilon]} (categorical ones first
 * renormalised to sum to 1); with it, log-sigmoid and log-softmax are used. Written with ops, whose gradients they
 * share.
 */
final class Crossentropy {
    private Crossentropy() {
    }

    /** Element-wise {@code -(t log(o) + (1 - t) log(1 - o))}, as {@code keras.ops.binary_crossentropy}. */
    static INDArray binaryCrossentropy(INDArray target, INDArray output, boolean fromLogits) {
        if (!Arrays.equals(target.shape(), output.shape())) {
            throw new IllegalArgumentException("ops.binary_crossentropy: target and output must have the same shape, got target.shape="
                    + Axes.shape(target.shape()) + ", output.shape=" + Axes.shape(output.shape()));
        }
        INDArray t = DTypes.as(target, DTypes.floatResult(target, output));
        INDArray one = DTypes.scalar(t, 1.0);
        INDArray notT = Arithmetic.subtract(one, t);
        if (fromLogits) {
            INDArray logP = ElementWise.negative(Activations.softplus(ElementWise.negative(output)));
            INDArray logNotP = ElementWise.negative(Activations.softplus(output));
            return ElementWise.negative(Arithmetic.add(Arithmetic.multiply(t, logP), Arithmetic.multiply(notT, logNotP)));
        }
        double eps = Backend.epsilon();
        INDArray o = ElementWise.clip(output, eps, 1 - eps);
        INDArray bce = Arithmetic.add(Arithmetic.multiply(t, ElementWise.log(o)),
                Arithmetic.multiply(notT, ElementWise.log(Arithmetic.subtract(one, o))));
        return ElementWise.negative(bce);
    }

    /** {@code -sum(t * log(o), axis)}, as {@code keras.ops.categorical_crossentropy(target, output, from_logits, axis=-1)}. */
    static INDArray categoricalCrossentropy(INDArray target, INDArray output, boolean fromLogits, int axis) {
        if (!Arrays.equals(target.shape(), output.shape()) || target.rank() < 1) {
            throw new IllegalArgumentException("ops.categorical_crossentropy: target and output must have the same shape of rank >= 1, "
                    + "got target.shape=" + Axes.shape(target.shape()) + ", output.shape=" + Axes.shape(output.shape()));
        }
        int a = Axes.axis("categorical_crossentropy", "axis", axis, output.rank());
        INDArray t = DTypes.as(target, DTypes.floatResult(target, output));
        return ElementWise.negative(Reductions.sum(Arithmetic.multiply(t, logProbabilities(output, fromLogits, a)), new int[]{a}, false));
    }

    /**
     * The categorical crossentropy of integer class ids, as {@code keras.ops.sparse_categorical_crossentropy}: {@code target}
     * has the shape of {@code output} without its last axis (or with a last axis of size 1).
     */
    static INDArray sparseCategoricalCrossentropy(INDArray target, INDArray output, boolean fromLogits, int axis) {
        INDArray t = target;
        if (t.rank() == output.rank() && t.rank() > 0 && t.size(-1) == 1) {
            t = t.reshape(Arrays.copyOf(t.shape(), t.rank() - 1));
        }
        if (output.rank() < 1 || !Arrays.equals(t.shape(), Arrays.copyOf(output.shape(), output.rank() - 1))) {
            throw new IllegalArgumentException("ops.sparse_categorical_crossentropy: target and output must have the same shape up "
                    + "until the last dimension, got target.shape=" + Axes.shape(target.shape()) + ", output.shape="
                    + Axes.shape(output.shape()));
        }
        int a = Axes.axis("sparse_categorical_crossentropy", "axis", axis, output.rank());
        long classes = output.size(a);
        if (t.length() > 0 && (t.minNumber().doubleValue() < 0 || t.maxNumber().doubleValue() >= classes)) {
            throw new IllegalArgumentException("ops.sparse_categorical_crossentropy: target class ids must be in [0, " + classes
                    + "), got values from " + t.minNumber() + " to " + t.maxNumber());
        }
        INDArray hot = Indexing.oneHot(t, (int) classes, a, Backend.dtypeName(DTypes.floatOf(output)));
        return ElementWise.negative(Reductions.sum(Arithmetic.multiply(hot, logProbabilities(output, fromLogits, a)), new int[]{a}, false));
    }

    private static INDArray logProbabilities(INDArray output, boolean fromLogits, int axis) {
        if (fromLogits) {
            return Activations.logSoftmax(output, axis);
        }
        INDArray normalized = Arithmetic.divide(output, Reductions.sum(output, new int[]{axis}, true));
        double eps = Backend.epsilon();
        return ElementWise.log(ElementWise.clip(normalized, eps, 1 - eps));
    }
}
