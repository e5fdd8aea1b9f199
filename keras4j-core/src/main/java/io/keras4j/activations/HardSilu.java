package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code hard_silu(x) = x * hard_sigmoid(x) = x * relu6(x + 3) / 6} ("hard_silu", alias "hard_swish"), as
 * keras/src/backend/numpy/nn.py {@code hard_silu}. Gradient {@code hard_sigmoid(x) + x / 6} for
 * {@code -3 < x < 3}, 1 above, 0 below.
 */
final class HardSilu extends BaseActivation {
    HardSilu() {
        super("hard_silu");
    }

    private static INDArray hardSigmoid(INDArray x) {
        return Transforms.min(Transforms.max(x.div(6).addi(0.5), 0.0, false), 1.0, false);
    }

    @Override
    public void call(INDArray x, INDArray out) {
        out.assign(hardSigmoid(x).muli(x));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        out.assign(between(x, -3, 3).muli(x).divi(6).addi(hardSigmoid(x)).muli(dy));
    }
}
