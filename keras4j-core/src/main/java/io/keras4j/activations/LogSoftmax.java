package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code log_softmax(x) = x - max(x) - log(sum(exp(x - max(x)), axis))}, as keras/src/backend/numpy/nn.py
 * {@code log_softmax} (axis default -1). Gradient {@code dy - exp(y) * sum(dy, axis)}.
 */
final class LogSoftmax extends BaseActivation {
    private final int axis;

    LogSoftmax(int axis) {
        super("log_softmax");
        this.axis = axis;
        config("axis", axis);
    }

    @Override
    public void call(INDArray x, INDArray out) {
        int a = axis(axis, x, name());
        int last = x.rank() - 1;
        INDArray in = a == last ? x : x.swapAxes(a, last).dup('c');
        LogSoftMax op = new LogSoftMax(in, last);
        if (a == last) {
            op.addOutputArgument(out);
            Nd4j.exec(op);
        } else {
            out.swapAxes(a, last).assign(Nd4j.exec(op)[0]);
        }
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        int a = axis(axis, x, name());
        INDArray total = dy.sum(true, a);
        out.assign(dy).subi(Transforms.exp(y, true).muli(total));
    }
}
