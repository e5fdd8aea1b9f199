package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The exponential linear unit, as keras/src/backend/numpy/nn.py {@code elu} and {@code selu}:
 * {@code f(x) = scale * (x >= 0 ? x : alpha * (exp(x) - 1))}. "elu" has scale 1 and alpha 1.0 by default;
 * "selu" has {@code alpha = 1.6732632423543772}, {@code scale = 1.0507009873554805}.
 * Gradient {@code scale} for {@code x >= 0}, else {@code scale * alpha * exp(x)}.
 */
final class Elu extends BaseActivation {
    static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    static final double SELU_SCALE = 1.0507009873554804934193349852946;
    private final double alpha;
    private final double scale;

    Elu(String name, double alpha, double scale) {
        super(name);
        this.alpha = alpha;
        this.scale = scale;
        if (name.equals("elu")) {
            config("alpha", alpha);
        }
    }

    @Override
    public void call(INDArray x, INDArray out) {
        INDArray negative = Transforms.expm1(Transforms.min(x, 0.0, true), false).muli(alpha);
        out.assign(Transforms.relu(x, true).addi(negative)).muli(scale);
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        INDArray negative = below(x, 0.0);
        INDArray g = Transforms.exp(Transforms.min(x, 0.0, true), false).muli(alpha).subi(1).muli(negative).addi(1);
        out.assign(g.muli(dy)).muli(scale);
    }
}
