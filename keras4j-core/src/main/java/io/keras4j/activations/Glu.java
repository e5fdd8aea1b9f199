package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/**
 * The gated linear unit, as keras/src/backend/numpy/nn.py {@code glu}: x is split into halves a and b
 * along {@code axis} (default -1, size must be even) and {@code glu(x) = a * sigmoid(b)}. The output has
 * half the input's size along {@code axis}.
 */
final class Glu extends BaseActivation {
    private final int axis;

    Glu(int axis) {
        super("glu");
        this.axis = axis;
        config("axis", axis);
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        long[] out = inputShape.clone();
        int a = axis < 0 ? out.length + axis : axis;
        if (out[a] > 0) {
            out[a] = out[a] / 2;
        }
        return out;
    }

    private INDArray half(INDArray x, int which) {
        int a = axis(axis, x, name());
        long size = x.size(a);
        if (size % 2 != 0) {
            throw new IllegalArgumentException("Activation 'glu': axis size must be divisible by 2, got shape "
                    + Arrays.toString(x.shape()) + " with axis=" + axis);
        }
        INDArrayIndex[] index = new INDArrayIndex[x.rank()];
        Arrays.fill(index, NDArrayIndex.all());
        index[a] = NDArrayIndex.interval(which * size / 2, (which + 1) * size / 2);
        return x.get(index);
    }

    @Override
    public void call(INDArray x, INDArray out) {
        out.assign(Transforms.sigmoid(half(x, 1), true).muli(half(x, 0)));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        INDArray s = Transforms.sigmoid(half(x, 1), true);
        half(out, 0).assign(s.mul(dy));
        // d/db a * s(b) = a * s * (1 - s)
        half(out, 1).assign(s.rsub(1).muli(s).muli(half(x, 0)).muli(dy));
    }
}
