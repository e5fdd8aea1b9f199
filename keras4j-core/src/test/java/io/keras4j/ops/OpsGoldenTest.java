package io.keras4j.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each op against Keras 3 on JAX in float64 (resources/ops/goldens.txt, written by ops_goldens.py): the forward value,
 * and the gradient of {@code sum(cotangent * f(inputs))} with respect to each float input (jax.vjp), within 1e-10 of
 * the largest value (plus one); and the same in float32 within 2e-5.
 */
class OpsGoldenTest {
    static Stream<String> cases() {
        return OpCases.CASES.keySet().stream();
    }

    @Test
    void everyGoldenCaseHasAJavaTwinAndViceVersa() {
        assertEquals(Goldens.CASES.keySet(), OpCases.CASES.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardAndVjpMatchJax(String name) {
        check(name, Goldens.inputs(name), 1e-10);
    }

    /** The same cases in float32 (ND4J's float kernels, oneDNN for convolutions and pooling), to float32 precision. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32MatchesJaxToFloat32Precision(String name) {
        INDArray[] inputs = Goldens.inputs(name);
        for (int i = 0; i < inputs.length; i++) {
            if (Goldens.isFloat(inputs[i])) {
                inputs[i] = inputs[i].castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
            }
        }
        check(name, inputs, 2e-5);
    }

    private static void check(String name, INDArray[] inputs, double tolerance) {
        Map<String, INDArray> golden = Goldens.CASES.get(name);
        List<INDArray> sources = new java.util.ArrayList<>();
        for (INDArray in : inputs) {
            if (in.dataType().isFPType()) {
                sources.add(in);
            }
        }
        List<INDArray> grads;
        INDArray out;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(sources.toArray(new INDArray[0]));
            out = OpCases.CASES.get(name).apply(inputs);
            INDArray target = Ops.sum(Ops.multiply(out, golden.get("cotangent").castTo(out.dataType())));
            grads = sources.isEmpty() ? List.of() : tape.gradient(target, sources);
        }
        assertClose(name + " output", golden.get("output"), out, tolerance);
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].dataType().isFPType()) {
                INDArray g = grads.get(sources.indexOf(inputs[i]));
                assertNotNull(g, name + ": no gradient for input " + i);
                assertEquals(inputs[i].dataType(), g.dataType(), name + ": gradient type of input " + i);
                assertClose(name + " grad" + i, golden.get("grad" + i), g, tolerance);
            }
        }
    }

    static void assertClose(String what, INDArray expected, INDArray actual, double tolerance) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        INDArray e = expected.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        INDArray a = actual.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        double scale = 1 + (e.length() == 0 ? 0 : org.nd4j.linalg.ops.transforms.Transforms.abs(e).maxNumber().doubleValue());
        double diff = e.length() == 0 ? 0 : org.nd4j.linalg.ops.transforms.Transforms.abs(e.sub(a)).maxNumber().doubleValue();
        assertTrue(diff <= tolerance * scale, what + ": max difference " + diff + "\nexpected " + e + "\nactual " + a);
    }
}
