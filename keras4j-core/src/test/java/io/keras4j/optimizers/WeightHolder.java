package io.keras4j.optimizers;

import io.keras4j.constraints.Constraint;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import io.keras4j.initializers.Initializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/** A layer that only holds weights w1, w2, ... with given values, to drive optimizers in tests. */
final class WeightHolder extends Layer {
    private final INDArray[] values;
    private final Constraint constraint;

    private WeightHolder(String name, String dtype, Constraint constraint, INDArray... values) {
        this.values = values;
        this.constraint = constraint;
        name(name);
        dtype(dtype);
    }

    /** Variables named {@code name/w1}, {@code name/w2}, ... holding copies of {@code values} in {@code dtype}. */
    static List<Variable> variables(String name, DataType dtype, Constraint constraint, INDArray... values) {
        WeightHolder holder = new WeightHolder(name, dtype == DataType.DOUBLE ? "float64" : "float32", constraint, values);
        holder.ensureBuilt(List.<long[]>of(new long[]{1}));
        return holder.trainableWeights();
    }

    @Override
    protected void build(long[] inputShape) {
        for (int i = 0; i < values.length; i++) {
            INDArray value = values[i];
            addWeight("w" + (i + 1), value.shape(), new Initializer() {
                @Override
                public INDArray apply(long[] shape, DataType dtype) {
                    return value.castTo(dtype).dup();
                }

                @Override
                public Map<String, Object> getConfig() {
                    return Map.of();
                }
            }, null, constraint, true);
        }
    }

    /** Writes {@code gradients[i]} as the gradient of {@code variables[i]} for the next step. */
    static void setGradients(List<Variable> variables, INDArray... gradients) {
        for (int i = 0; i < variables.size(); i++) {
            Variable v = variables.get(i);
            v.resetGradient();
            v.addGradient(gradients[i].castTo(v.value().dataType()));
        }
    }
}
