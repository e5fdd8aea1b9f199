package io.keras4j.ops;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tape's gradient of every op case (OpCases, on the inputs of the golden file, broadcasting cases included)
 * against float64 central differences of {@code sum(cotangent * f(inputs))}: relative error <= 1e-6. An input of up to
 * {@value #PER_ELEMENT} elements is perturbed element by element; a larger one along {@value #DIRECTIONS} random
 * directions (the directional derivative against the gradient's projection, as {@code jax.test_util.check_grads}),
 * which keeps the suite to a few seconds while every element still moves.
 */
class OpsGradientTest {
    static final int PER_ELEMENT = 24;
    static final int DIRECTIONS = 4;

    static Stream<String> cases() {
        return OpCases.CASES.keySet().stream().filter(name -> Stream.of(Goldens.inputs(name)).anyMatch(Goldens::isFloat));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tapeGradientMatchesCentralDifferences(String name) {
        Function<INDArray[], INDArray> f = OpCases.CASES.get(name);
        INDArray cotangent = Goldens.CASES.get(name).get("cotangent");
        INDArray[] inputs = Goldens.inputs(name);
        List<INDArray> sources = new ArrayList<>();
        for (INDArray in : inputs) {
            if (Goldens.isFloat(in)) {
                sources.add(in);
            }
        }
        Function<INDArray[], Double> objective = in -> f.apply(in).mul(cotangent).sumNumber().doubleValue();
        List<INDArray> grads;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(sources.toArray(new INDArray[0]));
            grads = tape.gradient(Ops.sum(Ops.multiply(f.apply(inputs), cotangent)), sources);
        }
        for (int s = 0; s < sources.size(); s++) {
            assertNotNull(grads.get(s), name + ": no gradient for float input " + s);
            INDArray x = sources.get(s);
            INDArray tape = grads.get(s);
            assertArrayEquals(x.shape(), tape.shape(), name + ": gradient shape");
            if (x.length() <= PER_ELEMENT) {
                INDArray numeric = centralDifferences(objective, inputs, x);
                double scale = Math.max(1e-8, numeric.norm2Number().doubleValue() + tape.norm2Number().doubleValue());
                double err = numeric.sub(tape).norm2Number().doubleValue() / scale;
                assertTrue(err <= 1e-6, name + " input " + s + ": relative error " + err + "\nnumeric " + numeric + "\ntape " + tape);
            } else {
                Nd4j.getRandom().setSeed(name.hashCode() + s);
                for (int d = 0; d < DIRECTIONS; d++) {
                    INDArray v = Nd4j.randn(DataType.DOUBLE, x.shape());
                    double numeric = directionalDifference(objective, inputs, x, v);
                    double projected = tape.mul(v).sumNumber().doubleValue();
                    double scale = Math.max(1e-8, tape.norm2Number().doubleValue() * v.norm2Number().doubleValue());
                    double err = Math.abs(numeric - projected) / scale;
                    assertTrue(err <= 1e-6, name + " input " + s + " direction " + d + ": relative error " + err
                            + " (numeric " + numeric + ", tape " + projected + ")");
                }
            }
        }
    }

    /** The derivative of the objective along {@code v} at {@code x} (one of {@code inputs}), by central differences. */
    static double directionalDifference(Function<INDArray[], Double> objective, INDArray[] inputs, INDArray x, INDArray v) {
        double h = 1e-6;
        INDArray saved = x.dup();
        x.addi(v.mul(h));
        double up = objective.apply(inputs);
        x.assign(saved).subi(v.mul(h));
        double down = objective.apply(inputs);
        x.assign(saved);
        return (up - down) / (2 * h);
    }

    /** d objective / d x by central differences with step 1e-6, perturbing {@code x} (one of {@code inputs}) in place. */
    static INDArray centralDifferences(Function<INDArray[], Double> objective, INDArray[] inputs, INDArray x) {
        INDArray flat = x.reshape(x.length());
        INDArray grad = x.ulike();
        INDArray g = grad.reshape(grad.length());
        double h = 1e-6;
        for (long i = 0; i < x.length(); i++) {
            double v = flat.getDouble(i);
            flat.putScalar(i, v + h);
            double up = objective.apply(inputs);
            flat.putScalar(i, v - h);
            double down = objective.apply(inputs);
            flat.putScalar(i, v);
            g.putScalar(i, (up - down) / (2 * h));
        }
        return grad;
    }
}
