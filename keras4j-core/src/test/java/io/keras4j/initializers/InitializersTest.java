package io.keras4j.initializers;

import io.keras4j.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitializersTest {
    private static final long[] SHAPE = {400, 300};

    private static double mean(INDArray a) {
        return a.castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    private static double variance(INDArray a) {
        INDArray d = a.castTo(DataType.DOUBLE);
        double m = d.meanNumber().doubleValue();
        return d.sub(m).muli(d.sub(m)).meanNumber().doubleValue();
    }

    @Test
    void constants() {
        assertEquals(0.0, Initializers.get("zeros").apply(new long[]{2, 3}, DataType.FLOAT).sumNumber().doubleValue());
        assertEquals(6.0, Initializers.get("ones").apply(new long[]{2, 3}, DataType.FLOAT).sumNumber().doubleValue());
        assertEquals(6 * 0.5, Initializers.get("Constant", Map.of("value", 0.5)).apply(new long[]{2, 3}, DataType.DOUBLE)
                .sumNumber().doubleValue(), 1e-12);
        INDArray eye = new Identity(2.0).apply(new long[]{2, 3}, DataType.DOUBLE);
        assertArrayEquals(new double[][]{{2, 0, 0}, {0, 2, 0}}, eye.toDoubleMatrix());
        assertThrows(IllegalArgumentException.class, () -> new Identity().apply(new long[]{2, 2, 2}, DataType.FLOAT));
    }

    @Test
    void randomNormalUniformAndTruncatedMatchTheirDistributions() {
        INDArray n = new RandomNormal(1.0, 0.05, 3L).apply(SHAPE, DataType.FLOAT);
        assertEquals(1.0, mean(n), 1e-3);
        assertEquals(0.05 * 0.05, variance(n), 0.0025 * 0.02);
        INDArray u = new RandomUniform().apply(SHAPE, DataType.FLOAT);
        assertTrue(u.minNumber().doubleValue() >= -0.05 && u.maxNumber().doubleValue() <= 0.05);
        assertEquals(0.0, mean(u), 1e-3);
        assertEquals(0.1 * 0.1 / 12, variance(u), 0.1 * 0.1 / 12 * 0.02);
        INDArray t = new TruncatedNormal(0.0, 0.05, 4L).apply(SHAPE, DataType.FLOAT);
        assertTrue(t.amaxNumber().doubleValue() <= 0.1 + 1e-6, "truncated at two standard deviations");
        // the variance of N(0, s^2) truncated at +-2s is s^2 * 0.7737413
        assertEquals(0.0025 * 0.7737413, variance(t), 0.0025 * 0.7737413 * 0.02);
    }

    /** Keras's VarianceScaling forms: variance scale / n (normal ones truncated, with the 0.8796 correction). */
    @ParameterizedTest
    @CsvSource({"glorot_normal, 1, fan_avg", "glorot_uniform, 1, fan_avg", "he_normal, 2, fan_in", "he_uniform, 2, fan_in",
            "lecun_normal, 1, fan_in", "lecun_uniform, 1, fan_in", "variance_scaling, 1, fan_in"})
    void varianceScalingFamily(String name, double scale, String mode) {
        long[] shape = {3, 3, 120, 160};   // 518400 draws; fans: in 1080, out 1440
        double n = mode.equals("fan_in") ? 1080 : (1080 + 1440) / 2.0;
        INDArray w = Initializers.get(name).apply(shape, DataType.FLOAT);
        assertEquals(0.0, mean(w), 2e-3 * Math.sqrt(scale / n) * 10);
        assertEquals(scale / n, variance(w), scale / n * 0.02, name);
        if (name.endsWith("uniform")) {
            double limit = Math.sqrt(3 * scale / n);
            assertTrue(w.amaxNumber().doubleValue() <= limit + 1e-6);
        } else {
            assertTrue(w.amaxNumber().doubleValue() <= 2 * Math.sqrt(scale / n) / 0.87962566103423978 + 1e-6);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"50x20", "20x50", "4x5x30"})
    void orthogonalRowsOrColumnsAreOrthonormal(String dims) {
        long[] shape = java.util.Arrays.stream(dims.split("x")).mapToLong(Long::parseLong).toArray();
        INDArray w = new Orthogonal(1.5, 7L).apply(shape, DataType.DOUBLE);
        assertArrayEquals(shape, w.shape());
        INDArray flat = w.reshape(w.length() / shape[shape.length - 1], shape[shape.length - 1]);
        INDArray gram = flat.rows() >= flat.columns() ? flat.transpose().mmul(flat) : flat.mmul(flat.transpose());
        INDArray expected = Nd4j.eye(gram.rows()).castTo(DataType.DOUBLE).muli(1.5 * 1.5);
        assertTrue(gram.equalsWithEps(expected, 1e-10), gram.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"random_normal", "random_uniform", "truncated_normal", "glorot_normal", "glorot_uniform", "he_normal",
            "he_uniform", "lecun_normal", "lecun_uniform", "orthogonal", "variance_scaling"})
    void seededInitializersAreReproducibleAndGlobalSeedWorks(String name) {
        Initializer seeded = Initializers.get(name.equals("variance_scaling") ? "VarianceScaling" : name, Map.of("seed", 42));
        Initializer other = Initializers.get(name, Map.of("seed", 43));
        INDArray a = seeded.apply(new long[]{20, 10}, DataType.FLOAT);
        assertEquals(a, seeded.apply(new long[]{20, 10}, DataType.FLOAT));
        assertEquals(a, Initializers.get(seeded.className(), seeded.getConfig()).apply(new long[]{20, 10}, DataType.FLOAT));
        assertNotEquals(a, other.apply(new long[]{20, 10}, DataType.FLOAT));
        Initializer unseeded = Initializers.get(name);
        Utils.setRandomSeed(5);
        INDArray b = unseeded.apply(new long[]{20, 10}, DataType.FLOAT);
        INDArray c = unseeded.apply(new long[]{20, 10}, DataType.FLOAT);
        Utils.setRandomSeed(5);
        assertEquals(b, unseeded.apply(new long[]{20, 10}, DataType.FLOAT));
        assertNotEquals(b, c);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zeros", "zero", "ones", "one", "constant", "random_normal", "normal", "random_uniform", "uniform",
            "truncated_normal", "variance_scaling", "glorot_normal", "glorot_uniform", "he_normal", "he_uniform", "lecun_normal",
            "lecun_uniform", "orthogonal", "identity", "Zeros", "Ones", "Constant", "RandomNormal", "RandomUniform", "TruncatedNormal",
            "VarianceScaling", "GlorotNormal", "GlorotUniform", "HeNormal", "HeUniform", "LecunNormal", "LecunUniform", "Orthogonal",
            "Identity", "IdentityInitializer", "OrthogonalInitializer"})
    void registryAndConfigRoundTrip(String identifier) {
        Initializer i = Initializers.get(identifier);
        Initializer back = Initializers.get(i.className(), i.getConfig());
        assertEquals(i.getClass(), back.getClass());
        assertEquals(i.getConfig(), back.getConfig());
    }

    @Test
    void kerasDefaults() {
        Map<String, Object> normal = new RandomNormal().getConfig();
        assertEquals(java.util.List.of("seed", "mean", "stddev"), java.util.List.copyOf(normal.keySet()));
        assertEquals(0.0, normal.get("mean"));
        assertEquals(0.05, normal.get("stddev"));
        assertEquals(null, normal.get("seed"));
        assertEquals(-0.05, new RandomUniform().getConfig().get("minval"));
        assertEquals(0.05, new RandomUniform().getConfig().get("maxval"));
        assertEquals(0.05, new TruncatedNormal().getConfig().get("stddev"));
        assertEquals(1.0, new Orthogonal().getConfig().get("gain"));
        assertEquals(0.0, new Constant().getConfig().get("value"));
        assertThrows(IllegalArgumentException.class, () -> Initializers.get("glorot"));
    }
}
