package io.keras4j.losses;

import io.keras4j.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every loss against the values of real Keras 3 (golden.txt, written by src/test/python/losses_golden.py, in
 * float32 there) with its reduction and sample weights, and a float64 finite-difference check of its gradient.
 */
class LossesTest {
    static List<Arguments> golden() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                LossesTest.class.getResourceAsStream("golden.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split("\t");
                Map<String, Object> config = new LinkedHashMap<>();
                for (String kv : p[1].isEmpty() ? new String[0] : p[1].split(",")) {
                    String[] e = kv.split("=");
                    config.put(e[0], e[1].equals("true") ? Boolean.TRUE : e[1].matches("-?[0-9.]+") ? (Object) Double.valueOf(e[1]) : e[1]);
                }
                long[] shape = Arrays.stream(p[2].split(" ")).mapToLong(Long::parseLong).toArray();
                double[] yPred = numbers(p[4]);
                double[] yTrue = numbers(p[3]);
                INDArray t = Nd4j.createFromArray(yTrue).reshape(yTrue.length == yPred.length ? shape : new long[]{shape[0]});
                INDArray w = p[5].equals("-") ? null : Nd4j.createFromArray(numbers(p[5]));
                cases.add(Arguments.of(p[0], config, t, Nd4j.createFromArray(yPred).reshape(shape), w, Double.parseDouble(p[6])));
            }
        }
        return cases;
    }

    private static double[] numbers(String s) {
        return Arrays.stream(s.split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("golden")
    void valueMatchesKeras(String className, Map<String, Object> config, INDArray yTrue, INDArray yPred, INDArray w, double expected) {
        Loss loss = Losses.get(className, config);
        assertEquals(expected, loss.compute(yTrue, yPred, w), 1e-5 * Math.max(1, Math.abs(expected)), className + " " + config);
        assertEquals(expected, loss.compute(yTrue.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT),
                yPred.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT), w), 1e-5 * Math.max(1, Math.abs(expected)), "float32");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("golden")
    void gradientMatchesFiniteDifferences(String className, Map<String, Object> config, INDArray yTrue, INDArray yPred, INDArray w,
                                          double expected) {
        Loss loss = Losses.get(className, config);
        GradientCheck.check(className + " " + config, p -> loss.compute(yTrue, p, w), yPred.dup(), loss.gradient(yTrue, yPred, w));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("golden")
    void computeWithGradientEqualsSeparateCalls(String className, Map<String, Object> config, INDArray yTrue, INDArray yPred,
                                                INDArray w, double expected) {
        Loss loss = Losses.get(className, config);
        Loss.ValueAndGradient both = loss.computeWithGradient(yTrue, yPred, w);
        assertEquals(loss.compute(yTrue, yPred, w), both.value(), 1e-12);
        assertEquals(loss.gradient(yTrue, yPred, w), both.gradient());
    }

    @Test
    void everyLossClassHasGoldenValues() throws IOException {
        java.util.Set<String> covered = new java.util.TreeSet<>();
        for (Arguments a : golden()) {
            covered.add((String) a.get()[0]);
        }
        java.util.Set<String> classes = new java.util.TreeSet<>();
        for (String n : Losses.names()) {
            if (Character.isUpperCase(n.charAt(0)) && !n.equals(n.toUpperCase())) {
                classes.add(n);
            }
        }
        assertEquals(classes, covered);
    }

    @Test
    void kerasAliasesResolve() {
        assertEquals("mean_squared_error", Losses.get("mse").name());
        assertEquals("mean_absolute_error", Losses.get("mae").name());
        assertEquals("mean_absolute_percentage_error", Losses.get("mape").name());
        assertEquals("mean_squared_logarithmic_error", Losses.get("msle").name());
        assertEquals("kl_divergence", Losses.get("kullback_leibler_divergence").name());
        assertEquals("kl_divergence", Losses.get("kld").name());
        assertEquals("log_cosh", Losses.get("logcosh").name());
        assertEquals("huber_loss", Losses.get("huber").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.get("msee"));
        assertTrue(e.getMessage().contains("msee") && e.getMessage().contains("mse"), e.getMessage());
    }

    @Test
    void unreducedValuesDropTheLastAxis() {
        // MAE per row: mean(|[1, 2] - [2, 4]|) = 1.5, mean(|[0, 0] - [1, -1]|) = 1
        INDArray t = Nd4j.createFromArray(new double[][]{{1, 2}, {0, 0}});
        INDArray p = Nd4j.createFromArray(new double[][]{{2, 4}, {1, -1}});
        assertArrayEquals(new double[]{1.5, 1.0}, new MeanAbsoluteError().call(t, p).toDoubleVector(), 1e-12);
        assertEquals(2.5, new MeanAbsoluteError().reduction("sum").compute(t, p), 1e-12);
        INDArray binary = Nd4j.createFromArray(new double[][]{{1, 0}, {0, 1}});
        assertEquals(0.0, new Dice().call(binary, binary).getDouble(), 1e-6);
        assertEquals(0, new Dice().call(binary, binary).rank());
    }

    @Test
    void ignoreClassMasksRowsOutOfTheMean() {
        // probabilities: the kept row has loss -log(0.8); the ignored label 255 is outside the class range
        INDArray p = Nd4j.createFromArray(new double[][]{{0.2, 0.8}, {0.5, 0.5}});
        INDArray labels = Nd4j.createFromArray(1.0, 255.0);
        assertEquals(-Math.log(0.8), new SparseCategoricalCrossentropy().ignoreClass(255).compute(labels, p), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> new SparseCategoricalCrossentropy().compute(labels, p));
    }

    @Test
    void labelSmoothingFollowsKerasFormula() {
        // CCE, y = [0, 1] smoothed by 0.2 over 2 classes -> [0.1, 0.9]; loss = -(0.1 log 0.25 + 0.9 log 0.75)
        INDArray p = Nd4j.createFromArray(new double[][]{{0.25, 0.75}});
        INDArray y = Nd4j.createFromArray(new double[][]{{0, 1}});
        assertEquals(-(0.1 * Math.log(0.25) + 0.9 * Math.log(0.75)), new CategoricalCrossentropy().labelSmoothing(0.2).compute(y, p), 1e-7);
        // BCE smooths towards 0.5: y = [0.1, 0.9]
        assertEquals(-(0.1 * Math.log(0.25) + 0.9 * Math.log(0.75) + 0.9 * Math.log(0.75) + 0.1 * Math.log(0.25)) / 2,
                new BinaryCrossentropy().labelSmoothing(0.2).compute(y, p), 1e-7);
    }

    @Test
    void wrongTargetShapesAreClearErrors() {
        INDArray p = Nd4j.rand(4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().compute(Nd4j.rand(4, 2), p));
        assertTrue(e.getMessage().contains("mean_squared_error") && e.getMessage().contains("[4, 3]") && e.getMessage().contains("[4, 2]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SparseCategoricalCrossentropy().compute(Nd4j.rand(4, 3), p));
        assertTrue(e.getMessage().contains("categorical_crossentropy"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().compute(Nd4j.rand(4, 3), p, Nd4j.ones(3)));
        assertTrue(e.getMessage().contains("sample_weight"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dice().compute(Nd4j.rand(4, 3), p, Nd4j.ones(4)));
        assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().reduction("avg"));
    }

    @Test
    void tverskyWeighsFalsePositivesByAlphaAsKeras316() {
        // y_true = [1, 0, 1], y_pred = [0.8, 0.4, 0.5]: I = 1.3, fp = 0.4, fn = 0.7;
        // alpha 0.3, beta 0.7: 1 - 1.3 / (1.3 + 0.12 + 0.49) (keras-team/keras#23333 fixed the swap in 3.16)
        INDArray t = Nd4j.createFromArray(new double[][]{{1, 0, 1}});
        INDArray p = Nd4j.createFromArray(new double[][]{{0.8, 0.4, 0.5}});
        assertEquals(1 - 1.3 / (1.3 + 0.12 + 0.49 + 1e-7), new Tversky(0.3, 0.7).compute(t, p), 1e-9);
        GradientCheck.check("tversky", v -> new Tversky(0.3, 0.7).compute(t, v), p.dup(), new Tversky(0.3, 0.7).gradient(t, p, null));
    }

    @Test
    void focalCrossentropiesGiveKerasDocstringValues() {
        // keras/src/losses/losses.py docstrings of binary_focal_crossentropy and categorical_focal_crossentropy
        INDArray t = Nd4j.createFromArray(new double[][]{{0, 1}, {0, 0}});
        INDArray p = Nd4j.createFromArray(new double[][]{{0.6, 0.4}, {0.4, 0.6}});
        assertArrayEquals(new double[]{0.330, 0.206}, new BinaryFocalCrossentropy().call(t, p).toDoubleVector(), 1e-3);
        INDArray oneHot = Nd4j.createFromArray(new double[][]{{0, 1, 0}, {0, 0, 1}});
        INDArray probs = Nd4j.createFromArray(new double[][]{{0.05, 0.9, 0.05}, {0.1, 0.85, 0.05}});
        assertArrayEquals(new double[]{2.63401289e-04, 6.75912094e-01},
                new CategoricalFocalCrossentropy().call(oneHot, probs).toDoubleVector(), 1e-7);
        Map<String, Object> config = Losses.get("binary_focal_crossentropy").getConfig();
        assertEquals(false, config.get("apply_class_balancing"));
        assertEquals(0.25, config.get("alpha"));
        assertEquals(2.0, config.get("gamma"));
        assertEquals(Map.of("name", "categorical_focal_crossentropy", "reduction", "sum_over_batch_size", "from_logits", true,
                        "label_smoothing", 0.0, "axis", -1, "alpha", 0.5, "gamma", 2.0),
                Losses.get("CategoricalFocalCrossentropy", Map.of("from_logits", true, "alpha", 0.5)).getConfig());
    }

    @Test
    void configsUseKerasKeys() {
        assertEquals(Map.of("name", "huber_loss", "reduction", "sum_over_batch_size", "delta", 0.5), new Huber(0.5).getConfig());
        Map<String, Object> sparse = new SparseCategoricalCrossentropy().fromLogits(true).ignoreClass(3).getConfig();
        assertEquals(true, sparse.get("from_logits"));
        assertEquals(3, sparse.get("ignore_class"));
    }
}
