package io.keras4j.ops;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tape's gradient of every op case (OpCases, on the inputs of the golden file, broadcasting cases included)
 * against float64 central differences of {@code sum(cotangent * f(inputs))}: relative error <= 1e-6.
 */
class OpsGradientTest {
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
            INDArray numeric = centralDifferences(objective, inputs, sources.get(s));
            assertArrayEquals(numeric.shape(), grads.get(s).shape(), name + ": gradient shape");
            double scale = Math.max(1e-8, numeric.norm2Number().doubleValue() + grads.get(s).norm2Number().doubleValue());
            double err = numeric.sub(grads.get(s)).norm2Number().doubleValue() / scale;
            assertTrue(err <= 1e-6, name + " input " + s + ": relative error " + err + "\nnumeric " + numeric
                    + "\ntape " + grads.get(s));
        }
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
