package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** {@code hard_tanh(x) = clip(x, -1, 1)}, as keras/src/backend/numpy/nn.py {@code hard_tanh}; gradient {@code [-1 < x < 1]}. */
final class HardTanh extends BaseActivation {
    HardTanh() {
        super("hard_tanh");
    }

    @Override
    public void call(INDArray x, INDArray out) {
        out.assign(x);
        Transforms.min(Transforms.max(out, -1.0, false), 1.0, false);
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        out.assign(between(x, -1, 1).muli(dy));
    }
}
