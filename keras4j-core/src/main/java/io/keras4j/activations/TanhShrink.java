package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** {@code tanh_shrink(x) = x - tanh(x)}, as keras/src/backend/numpy/nn.py {@code tanh_shrink}; gradient {@code tanh(x)^2}. */
final class TanhShrink extends BaseActivation {
    TanhShrink() {
        super("tanh_shrink");
    }

    @Override
    public void call(INDArray x, INDArray out) {
        out.assign(x).subi(Transforms.tanh(x, true));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        INDArray t = Transforms.tanh(x, true);
        out.assign(t.muli(t).muli(dy));
    }
}
