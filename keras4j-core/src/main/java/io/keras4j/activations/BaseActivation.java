package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shared mechanics of the activation functions: the Keras identifier, the config of parameterized
 * functions, and the elementwise helpers their forward and backward passes are written with.
 */
abstract class BaseActivation implements ActivationFunction {
    private final String name;
    private final Map<String, Object> config = new LinkedHashMap<>();

    BaseActivation(String name) {
        this.name = name;
    }

    /** Adds a config entry (Keras's argument name and value); returns this for chaining in constructors. */
    final void config(String key, Object value) {
        config.put(key, value);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Map<String, Object> getConfig() {
        return new LinkedHashMap<>(config);
    }

    @Override
    public String toString() {
        return config.isEmpty() ? name : name + config;
    }

    /** {@code [x > t]} as 0/1 in x's dtype (a new array). */
    static INDArray above(INDArray x, double t) {
        return Transforms.step(x.sub(t), false);
    }

    /** {@code [x < t]} as 0/1 in x's dtype (a new array). */
    static INDArray below(INDArray x, double t) {
        return Transforms.step(x.rsub(t), false);
    }

    /** {@code [|x| > t]} as 0/1 in x's dtype (a new array). */
    static INDArray outside(INDArray x, double t) {
        return Transforms.step(Transforms.abs(x, true).subi(t), false);
    }

    /** {@code [lo < x < hi]} as 0/1 in x's dtype (a new array). */
    static INDArray between(INDArray x, double lo, double hi) {
        return above(x, lo).muli(below(x, hi));
    }

    /** The numerically stable {@code softplus(x) = log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|))} (a new array). */
    static INDArray softplus(INDArray x) {
        INDArray tail = Transforms.log1p(Transforms.exp(Transforms.abs(x, true).negi(), false), false);
        return Transforms.relu(x, true).addi(tail);
    }

    /** Resolves a possibly negative axis against x's rank. */
    static int axis(int axis, INDArray x, String name) {
        int a = axis < 0 ? x.rank() + axis : axis;
        if (a < 0 || a >= x.rank()) {
            throw new IllegalArgumentException("Activation '" + name + "': axis " + axis + " is out of range for an input of rank "
                    + x.rank() + " (shape " + java.util.Arrays.toString(x.shape()) + ")");
        }
        return a;
    }
}
