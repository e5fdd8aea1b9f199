package io.keras4j.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Standardization over a set of axes and its backward pass, shared by LayerNormalization,
 * GroupNormalization and RMSNormalization (keras/src/ops/nn.py {@code _layer_normalization},
 * {@code _rms_normalization}). Statistics keep their axes so they broadcast against the input.
 */
final class Standardize {
    private Standardize() {
    }

    /** {@code rsqrt(var(x, axes) + epsilon)} (biased variance), kept axes. */
    static INDArray inverseStd(INDArray x, int[] axes, double epsilon) {
        INDArray variance = x.var(false, axes);
        return Transforms.pow(variance.reshape(kept(x.shape(), axes)).addi(epsilon), -0.5, false);
    }

    /** {@code (x - mean(x, axes)) * inv}. */
    static INDArray forward(INDArray x, int[] axes, INDArray inv) {
        return x.sub(x.mean(true, axes)).muli(inv);
    }

    /**
     * The gradient of {@code x} for {@code x_hat = (x - mean) * inv}:
     * {@code inv * (d - mean(d) - x_hat * mean(d * x_hat))} over the axes.
     */
    static INDArray backward(INDArray xHat, INDArray inv, INDArray dxHat, int[] axes) {
        INDArray projection = dxHat.mul(xHat).mean(true, axes);
        return dxHat.sub(dxHat.mean(true, axes)).subi(xHat.mul(projection)).muli(inv);
    }

    /**
     * The inverse root-mean-square for the scaling-only normalizations: {@code rsqrt(mean((x - c)^2) + epsilon)},
     * where {@code c} is the mean over the axes when {@code centered} (LayerNormalization's rms_scaling, which
     * uses the variance) and 0 otherwise (RMSNormalization).
     */
    static INDArray inverseRms(INDArray x, int[] axes, double epsilon, boolean centered) {
        INDArray square = centered ? x.var(false, axes).reshape(kept(x.shape(), axes)) : x.mul(x).mean(true, axes);
        return Transforms.pow(square.addi(epsilon), -0.5, false);
    }

    /** The gradient of {@code x} for {@code u = x * inv}: {@code inv * du - inv^3 * (x - c) * mean(du * x)}. */
    static INDArray rmsBackward(INDArray x, INDArray inv, INDArray du, int[] axes, boolean centered) {
        INDArray deviation = centered ? x.sub(x.mean(true, axes)) : x;
        INDArray projection = du.mul(x).mean(true, axes).muli(inv).muli(inv).muli(inv);
        return du.mul(inv).subi(deviation.mul(projection));
    }

    /** The shape with size 1 on {@code axes} and unchanged elsewhere (keepdims of a reduction). */
    static long[] kept(long[] shape, int[] axes) {
        long[] out = shape.clone();
        for (int a : axes) {
            out[a] = 1;
        }
        return out;
    }

    /** The axes of a shape of the given rank that are not in {@code axes}. */
    static int[] complement(int rank, int[] axes) {
        return java.util.stream.IntStream.range(0, rank).filter(d -> java.util.Arrays.stream(axes).noneMatch(a -> a == d)).toArray();
    }

    /** A shape of 1s with the sizes of {@code shape} on {@code axes}: the broadcast shape of per-feature weights. */
    static long[] broadcastShape(long[] shape, int[] axes) {
        long[] out = new long[shape.length];
        java.util.Arrays.fill(out, 1);
        for (int a : axes) {
            out[a] = shape[a];
        }
        return out;
    }
}
