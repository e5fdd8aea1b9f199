package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code leaky_relu(x) = max(x, negative_slope * x)}, as keras/src/backend/numpy/nn.py {@code leaky_relu}
 * (keras.activations.leaky_relu, default negative_slope 0.2). Gradient 1 where {@code x > negative_slope * x},
 * else negative_slope.
 */
final class LeakyRelu extends BaseActivation {
    private final double negativeSlope;

    LeakyRelu(double negativeSlope) {
        super("leaky_relu");
        this.negativeSlope = negativeSlope;
        config("negative_slope", negativeSlope);
    }

    @Override
    public void call(INDArray x, INDArray out) {
        out.assign(x).muli(negativeSlope);
        Transforms.max(out, x, false);
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        INDArray keep = above(x.mul(1 - negativeSlope), 0.0);
        out.assign(keep.muli(1 - negativeSlope).addi(negativeSlope)).muli(dy);
    }
}
