package io.keras4j.activations;

import io.keras4j.testing.GradientCheck;
import org.junit.jupiter.api.Test;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every registered activation against the outputs of real Keras (golden.txt, written by
 * src/test/python/activations_golden.py) and a finite-difference check of its gradient.
 */
class ActivationsTest {
    /** The input of every golden case, away from every kink (0, +-0.5, +-1, +-1.5, +-2.5, +-3, 6). */
    static final double[][] X = {{-4.2, -2.7, -1.6, -0.7, -0.2, 0.3}, {0.8, 1.4, 2.2, 3.5, 7.1, -0.45}};

    static List<Arguments> golden() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ActivationsTest.class.getResourceAsStream("golden.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                Map<String, Object> config = new LinkedHashMap<>();
                for (String kv : parts[1].isEmpty() ? new String[0] : parts[1].split(",")) {
                    String[] p = kv.split("=");
                    config.put(p[0], p[1].equals("true") || p[1].equals("false") ? (Object) Boolean.valueOf(p[1]) : (Object) Double.valueOf(p[1]));
                }
                double[] expected = Arrays.stream(parts[2].split(" ")).mapToDouble(Double::parseDouble).toArray();
                cases.add(Arguments.of(parts[0], config, expected));
            }
        }
        return cases;
    }

    private static INDArray x() {
        return Nd4j.createFromArray(X);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("golden")
    void forwardMatchesKeras(String name, Map<String, Object> config, double[] expected) {
        ActivationFunction f = Activations.get(name, config);
        double[] y = f.apply(x()).reshape(-1).toDoubleVector();
        assertEquals(expected.length, y.length, name + " output size");
        for (int i = 0; i < y.length; i++) {
            assertEquals(expected[i], y[i], 1e-6 + 1e-6 * Math.abs(expected[i]), name + " " + config + " element " + i);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("golden")
    void gradientMatchesFiniteDifferences(String name, Map<String, Object> config, double[] expected) {
        ActivationFunction f = Activations.get(name, config);
        INDArray x = x();
        INDArray y = f.apply(x);
        INDArray r = Nd4j.rand(DataType.DOUBLE, y.shape()).subi(0.5);
        INDArray analytic = x.ulike();
        f.gradient(x, y, r, analytic);
        GradientCheck.check(name + " " + config, v -> f.apply(v).mul(r).sumNumber().doubleValue(), x.dup(), analytic);
    }

    @ParameterizedTest(name = "float32 {0} {1}")
    @MethodSource("golden")
    void float32ForwardMatchesKeras(String name, Map<String, Object> config, double[] expected) {
        double[] y = Activations.get(name, config).apply(x().castTo(DataType.FLOAT)).reshape(-1).toDoubleVector();
        for (int i = 0; i < y.length; i++) {
            assertEquals(expected[i], y[i], 1e-5 + 1e-5 * Math.abs(expected[i]), name + " " + config + " element " + i);
        }
    }

    @Test
    void everyRegisteredNameHasGoldenValues() throws IOException {
        Set<String> covered = new TreeSet<>();
        for (Arguments a : golden()) {
            covered.add((String) a.get()[0]);
        }
        assertEquals(Activations.names(), covered);
        assertTrue(covered.containsAll(List.of("relu", "gelu", "hard_silu", "sparsemax", "threshold", "swish", "hard_swish")));
    }

    @Test
    void aliasesReturnKerasFunctionNames() {
        assertEquals("silu", Activations.get("swish").name());
        assertEquals("hard_silu", Activations.get("hard_swish").name());
        assertEquals("linear", Activations.get((String) null).name());
    }

    @Test
    void unknownIdentifierListsValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activations.get("rellu"));
        assertTrue(e.getMessage().contains("rellu") && e.getMessage().contains("leaky_relu") && e.getMessage().contains("sparsemax"),
                e.getMessage());
    }

    @Test
    void keras2HardSigmoidForLegacyFiles() {
        // Keras 2: clip(0.2 x + 0.5, 0, 1); Keras 3: clip(x / 6 + 0.5, 0, 1)
        INDArray x = Nd4j.createFromArray(-3.0, -1.0, 0.0, 2.0, 2.6);
        assertArrayEquals(new double[]{0.0, 0.3, 0.5, 0.9, 1.0},
                Activations.get("hard_sigmoid", "2.2.4").apply(x).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[]{0.0, 1.0 / 3, 0.5, 5.0 / 6, 0.5 + 2.6 / 6},
                Activations.get("hard_sigmoid", "3.1.0").apply(x).toDoubleVector(), 1e-12);
        assertEquals("hard_sigmoid", Activations.get("hard_sigmoid", "1.2.2").name());
        INDArray g = x.ulike();
        Activations.get("hard_sigmoid", "2.0.0").gradient(x, null, Nd4j.onesLike(x), g);
        assertArrayEquals(new double[]{0.0, 0.2, 0.2, 0.2, 0.0}, g.toDoubleVector(), 1e-12);
    }

    @Test
    void parameterizedFunctionsReportKerasArguments() {
        assertEquals(Map.of("negative_slope", 0.1, "max_value", 5.0, "threshold", 0.5),
                Activations.relu(0.1, 5.0, 0.5).getConfig());
        assertEquals(Map.of("approximate", false), Activations.get("gelu").getConfig());
        assertEquals(Map.of("negative_slope", 0.2), Activations.get("leaky_relu").getConfig());
        assertEquals(Map.of("threshold", 0.5, "default_value", -1.0), Activations.threshold(0.5, -1).getConfig());
        assertEquals(Map.of(), Activations.get("tanh").getConfig());
    }

    @Test
    void gluHalvesItsAxisAndRejectsOddSizes() {
        ActivationFunction glu = Activations.get("glu");
        assertArrayEquals(new long[]{4, 3}, glu.outputShape(new long[]{4, 6}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> glu.apply(Nd4j.zeros(2, 5)));
        assertTrue(e.getMessage().contains("glu") && e.getMessage().contains("divisible by 2"), e.getMessage());
    }

    @Test
    void thresholdNeedsItsArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activations.get("threshold"));
        assertTrue(e.getMessage().contains("default_value") || e.getMessage().contains("threshold"), e.getMessage());
    }

    @Test
    void softplusIsStableForLargeInputs() {
        INDArray x = Nd4j.createFromArray(-200f, 200f);
        assertArrayEquals(new float[]{0f, 200f}, Activations.get("softplus").apply(x).toFloatVector(), 1e-6f);
        assertArrayEquals(new float[]{-200f, 0f}, Activations.get("log_sigmoid").apply(x).toFloatVector(), 1e-6f);
    }

    static Stream<String> names() {
        return Activations.names().stream().filter(n -> !n.equals("threshold"));
    }

    @ParameterizedTest
    @MethodSource("names")
    void rank3InputKeepsShape(String name) {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 4);
        ActivationFunction f = Activations.get(name);
        assertArrayEquals(f.outputShape(x.shape()), f.apply(x).shape(), name);
    }
}
