package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftmaxBp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code softmax(x) = exp(x) / sum(exp(x), axis)}, as keras/src/activations/activations.py {@code softmax}
 * (default axis -1); derivative {@code y * (dy - sum(dy * y, axis))}.
 */
final class Softmax implements ActivationFunction {
    private final int axis;

    Softmax(int axis) {
        this.axis = axis;
    }

    @Override
    public String name() {
        return "softmax";
    }

    private int axis(INDArray x) {
        return axis < 0 ? x.rank() + axis : axis;
    }

    @Override
    public void call(INDArray x, INDArray out) {
        Nd4j.exec(new SoftMax(x, out, axis(x)));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        Nd4j.exec(new SoftmaxBp(x, dy, out, axis(x)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("axis", axis);
        return config;
    }
}
