package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code sparse_plus(x) = 0} for {@code x <= -1}, {@code (x + 1)^2 / 4} for {@code -1 < x < 1}, {@code x} for
 * {@code x >= 1}, as keras/src/backend/numpy/nn.py {@code sparse_plus}. Gradient {@code clip((x + 1) / 2, 0, 1)}.
 */
final class SparsePlus extends BaseActivation {
    SparsePlus() {
        super("sparse_plus");
    }

    @Override
    public void call(INDArray x, INDArray out) {
        INDArray inside = between(x, -1, 1);
        INDArray square = x.add(1);
        square.muli(square).muli(0.25).muli(inside);
        out.assign(Transforms.step(x.sub(1), false).addi(x.eq(1.0).castTo(x.dataType())).muli(x).addi(square));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        INDArray g = x.add(1).muli(0.5);
        Transforms.min(Transforms.max(g, 0.0, false), 1.0, false);
        out.assign(g.muli(dy));
    }
}
