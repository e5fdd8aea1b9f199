package io.keras4j.spark;

import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of a model's weights as plain float arrays ({@code getWeights()} order), broadcast to the executors at
 * each step: {@code 4 * count_params()} bytes.
 */
final class Weights implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Tells an executor's replica whether it already holds these values. */
    final long version;
    private final float[][] values;
    private final long[][] shapes;

    private Weights(long version, float[][] values, long[][] shapes) {
        this.version = version;
        this.values = values;
        this.shapes = shapes;
    }

    static Weights of(long version, List<Variable> variables) {
        return ofArrays(version, variables.stream().map(Variable::value).toList());
    }

    /** Any arrays, e.g. an optimizer's variables. */
    static Weights ofArrays(long version, List<INDArray> arrays) {
        float[][] values = new float[arrays.size()][];
        long[][] shapes = new long[arrays.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = floats(arrays.get(i));
            shapes[i] = arrays.get(i).shape();
        }
        return new Weights(version, values, shapes);
    }

    /** The values as arrays, for {@code setWeights}. */
    List<INDArray> arrays() {
        List<INDArray> out = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            out.add(Nd4j.create(values[i], shapes[i], 'c'));
        }
        return out;
    }

    /** The bytes of the values. */
    long bytes() {
        long n = 0;
        for (float[] v : values) {
            n += 4L * v.length;
        }
        return n;
    }

    /** An array's values as floats in C order. */
    static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
