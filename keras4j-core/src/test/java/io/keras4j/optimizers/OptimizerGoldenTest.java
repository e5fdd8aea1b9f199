package io.keras4j.optimizers;

import io.keras4j.engine.Variable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every optimizer and every base option against real Keras 3 (float64, TensorFlow backend): four steps on two
 * variables with fixed gradients, the weights after each step and {@code optimizer.variables} (names, order,
 * values) after the last. Written by src/test/python/optimizer_golden.py. Each case is built through
 * {@code Optimizers.get(className, config)} from the same config Keras received.
 *
 * <p>Tolerances: Keras's TensorFlow backend rounds the python-float hyperparameters to float32 before casting
 * them to float64 ({@code ops.cast(self.beta_2, dtype)}), which moves {@code sqrt(1 - beta_2^t)} by ~6e-6
 * relative; so the weight <em>changes</em> {@code w_t - w_0} are compared with a relative tolerance of 2e-5
 * (float64) or 1e-4 (float32), far below the effect of any formula difference (e.g. epsilon inside vs outside
 * the square root moves the update by ~1e-2 relative here).
 */
class OptimizerGoldenTest {
    static final INDArray W1 = Nd4j.createFromArray(new double[][]{{1.0, -2.0}, {0.5, 3.0}});
    static final INDArray W2 = Nd4j.createFromArray(0.2, -0.4, 0.6);

    /** The gradients of step t (0-based), as in the Python script. */
    static INDArray[] gradients(int t) {
        INDArray g1 = Nd4j.createFromArray(new double[][]{{0.1, -0.2}, {0.3, 0.05}}).muli(t + 1).subi(0.1 * t);
        INDArray g2 = Nd4j.createFromArray(0.5, -1.5, 2.0).muli(1 - 0.3 * t);
        return new INDArray[]{g1, g2};
    }

    record Case(String name, String className, Map<String, Object> config, List<String> lines) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                OptimizerGoldenTest.class.getResourceAsStream("optimizers_golden.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] parts = line.split(" ");
                if (parts[0].equals("case")) {
                    Map<String, Object> config = new LinkedHashMap<>();
                    for (int i = 3; i < parts.length; i++) {
                        String[] kv = parts[i].split("=", 2);
                        config.put(kv[0], parse(kv[1]));
                    }
                    cases.add(new Case(parts[1], parts[2], config, new ArrayList<>()));
                } else {
                    cases.get(cases.size() - 1).lines().add(line);
                }
            }
        }
        return cases;
    }

    private static Object parse(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        return v.matches("-?\\d+") ? (Object) Integer.parseInt(v) : (Object) Double.parseDouble(v);
    }

    static Stream<Arguments> casesAndTypes() throws IOException {
        return cases().stream().flatMap(c -> Stream.of(Arguments.of(c, DataType.DOUBLE), Arguments.of(c, DataType.FLOAT)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndTypes")
    void matchesKeras(Case c, DataType dtype) {
        double rtol = dtype == DataType.DOUBLE ? 2e-5 : 1e-4;
        double atol = dtype == DataType.DOUBLE ? 1e-10 : 1e-6;
        Optimizer optimizer = Optimizers.get(c.className(), c.config());
        List<Variable> vars = WeightHolder.variables("test", dtype, null, W1, W2);
        Map<String, double[]> expected = new LinkedHashMap<>();
        List<String> varOrder = new ArrayList<>();
        int step = 0;
        for (String line : c.lines()) {
            String[] p = line.split(" ");
            if (p[0].equals("step")) {
                int s = Integer.parseInt(p[1]);
                while (step < s) {
                    WeightHolder.setGradients(vars, gradients(step));
                    optimizer.apply(vars);
                    step++;
                }
                int index = p[2].equals("test/w1") ? 0 : 1;
                INDArray initial = index == 0 ? W1 : W2;
                double[] expectedChange = values(p, 3);
                double[] w0 = initial.reshape(initial.length()).toDoubleVector();
                for (int i = 0; i < w0.length; i++) {
                    expectedChange[i] -= w0[i];
                }
                INDArray actualChange = vars.get(index).value().castTo(DataType.DOUBLE).sub(initial);
                assertClose(c + " step " + s + " " + p[2] + " (change from the initial value)", expectedChange, actualChange, rtol, atol);
            } else {
                expected.put(p[1], values(p, 2));
                varOrder.add(p[1]);
            }
        }
        List<Map.Entry<String, INDArray>> actual = optimizer.variables();
        List<String> actualOrder = new ArrayList<>();
        actual.forEach(e -> actualOrder.add(e.getKey()));
        assertEquals(varOrder, actualOrder, c + ": optimizer.variables names and order");
        for (Map.Entry<String, INDArray> e : actual) {
            assertClose(c + " variable " + e.getKey(), expected.get(e.getKey()), e.getValue(), rtol, atol);
        }
    }

    private static double[] values(String[] parts, int from) {
        double[] out = new double[parts.length - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.parseDouble(parts[from + i]);
        }
        return out;
    }

    static void assertClose(String what, double[] expected, INDArray actual, double rtol, double atol) {
        assertNotNull(expected, what);
        double[] a = actual.castTo(DataType.DOUBLE).reshape(actual.length()).toDoubleVector();
        assertEquals(expected.length, a.length, what + ": size");
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - expected[i]) > atol + rtol * Math.abs(expected[i])) {
                fail(what + ": element " + i + " expected " + expected[i] + " but was " + a[i]);
            }
        }
    }
}
