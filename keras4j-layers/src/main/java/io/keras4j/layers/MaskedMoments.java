package io.keras4j.layers;

import io.keras4j.engine.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch statistics over the kept positions only, as keras/src/layers/normalization/batch_normalization.py
 * {@code _moments(inputs, mask)}: with {@code w} the mask expanded on the last axis and broadcast to the input,
 * {@code n = sum(w) + 1e-7} (Keras's {@code backend.epsilon()}), {@code mean = sum(w * x) / n},
 * {@code var = sum((w * (x - mean))^2) / n}, summed over every axis but the normalized one; and the backward pass of
 * {@code y = gamma * (x - mean) / sqrt(var + epsilon) + beta} through them.
 */
final class MaskedMoments {
    private static final double KERAS_EPSILON = 1e-7;

    final INDArray weights;
    final INDArray count;
    final INDArray mean;
    final INDArray variance;
    private final int axis;
    private final int[] reduce;

    /**
     * @param x    the input
     * @param mask the mask, one axis fewer than {@code x}
     * @param axis the normalized axis
     */
    MaskedMoments(String layer, INDArray x, INDArray mask, int axis, int[] reduce) {
        if (mask.rank() != x.rank() - 1) {
            throw new IllegalArgumentException("BatchNormalization \"" + layer + "\": the mask must have one axis fewer than the "
                    + "inputs. Received: mask.shape=" + Shapes.format(mask.shape()) + ", inputs.shape=" + Shapes.format(x.shape()));
        }
        this.axis = axis;
        this.reduce = reduce;
        long[] expanded = java.util.Arrays.copyOf(mask.shape(), x.rank());
        expanded[x.rank() - 1] = 1;
        weights = mask.castTo(x.dataType()).reshape(expanded).broadcast(x.shape());
        count = weights.sum(reduce).addi(KERAS_EPSILON);
        mean = x.mul(weights).sum(reduce).divi(count);
        INDArray centered = centered(x).muli(weights);
        variance = centered.muli(centered).sum(reduce).divi(count);
    }

    /** {@code x - mean}, the mean broadcast along the normalized axis. */
    INDArray centered(INDArray x) {
        return Broadcast.sub(x, mean, x.ulike(), axis);
    }

    /**
     * The gradient of the input given the output gradient {@code dy}, {@code gamma} (null without scale) and the layer's
     * epsilon; {@code dGamma} and {@code dBeta} (either may be null) receive the weight gradients.
     */
    INDArray backward(INDArray x, INDArray dy, INDArray gamma, double epsilon, INDArray dGamma, INDArray dBeta) {
        INDArray r = Transforms.pow(variance.add(epsilon), -0.5, false);
        INDArray xc = centered(x);
        if (dGamma != null) {
            dGamma.assign(dy.mul(Broadcast.mul(xc, r, xc.ulike(), axis)).sum(reduce));
        }
        if (dBeta != null) {
            dBeta.assign(dy.sum(reduce));
        }
        INDArray dxhat = gamma == null ? dy : Broadcast.mul(dy, gamma, dy.ulike(), axis);
        INDArray dVariance = dxhat.mul(xc).sum(reduce).muli(r.mul(r).muli(r)).muli(-0.5);
        INDArray dMean = dxhat.sum(reduce).muli(r).negi()
                .addi(dVariance.mul(xc.mul(weights).sum(reduce)).muli(-2).divi(count));
        INDArray dx = Broadcast.mul(dxhat, r, dxhat.ulike(), axis);
        dx.addi(Broadcast.mul(weights, dMean.div(count), weights.ulike(), axis));
        dx.addi(Broadcast.mul(xc.muli(weights), dVariance.mul(2).divi(count), xc, axis));
        return dx;
    }
}
