package io.keras4j.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * L2 normalization along one axis, as keras/src/ops/nn.py {@code _normalize} with order 2:
 * {@code y = x * rsqrt(max(sum(x^2, axis), epsilon^2))}, and its backward pass. Shared by
 * UnitNormalization and Dot(normalize=True).
 */
final class L2Normalize {
    private L2Normalize() {
    }

    /** The inverse norms (kept axis), clamped at {@code 1 / epsilon}. */
    static INDArray inverseNorm(INDArray x, int axis, double epsilon) {
        INDArray squareSum = x.mul(x).sum(true, axis);
        Transforms.max(squareSum, epsilon * epsilon, false);
        return Transforms.pow(squareSum, -0.5, false);
    }

    /** {@code x * inv} with {@code inv} from {@link #inverseNorm}. */
    static INDArray forward(INDArray x, INDArray inv) {
        return x.mul(inv);
    }

    /**
     * The gradient of {@code x}: {@code inv * (dy - y * sum(dy * y))} where the norm was not clamped, and
     * {@code inv * dy} where it was (the clamped norm does not depend on x).
     */
    static INDArray backward(INDArray x, INDArray inv, INDArray dy, int axis, double epsilon) {
        INDArray y = x.mul(inv);
        INDArray unclamped = inv.lt(1.0 / epsilon).castTo(x.dataType());
        INDArray projection = dy.mul(y).sum(true, axis).muli(unclamped);
        return dy.sub(y.mul(projection)).muli(inv);
    }
}
