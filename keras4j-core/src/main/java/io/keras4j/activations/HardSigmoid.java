package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A piecewise linear sigmoid {@code f(x) = clip(slope * x + 0.5, 0, 1)}, gradient {@code slope} inside
 * (0, 1). Three Keras functions share it (keras/src/backend/numpy/nn.py):
 * <ul>
 *   <li>"hard_sigmoid" (Keras 3): {@code relu6(x + 3) / 6}, slope 1/6;</li>
 *   <li>"sparse_sigmoid": {@code 0.5 * (x + 1)} clipped, slope 0.5;</li>
 *   <li>the Keras 1/2 "hard_sigmoid": {@code clip(0.2 * x + 0.5, 0, 1)}, slope 0.2, for files written by
 *       those versions (see {@link Activations#get(String, String)}).</li>
 * </ul>
 */
final class HardSigmoid extends BaseActivation {
    private final double slope;

    HardSigmoid(String name, double slope) {
        super(name);
        this.slope = slope;
    }

    @Override
    public void call(INDArray x, INDArray out) {
        out.assign(x).muli(slope).addi(0.5);
        Transforms.min(Transforms.max(out, 0.0, false), 1.0, false);
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        double edge = 0.5 / slope;
        out.assign(between(x, -edge, edge).muli(dy)).muli(slope);
    }
}
