package io.keras4j.constraints;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConstraintsTest {
    private static final double EPS = 1e-7;

    /** Columns with norms 5 (3, 4) and 0.5 (0.3, -0.4). */
    private static INDArray w() {
        return Nd4j.createFromArray(new double[][]{{3.0, 0.3}, {4.0, -0.4}});
    }

    private static double[] flat(INDArray a) {
        return a.reshape(a.length()).toDoubleVector();
    }

    @Test
    void maxNormScalesColumnsAboveTheMax() {
        INDArray w = w();
        new MaxNorm().apply(w);
        double f0 = 2.0 / (EPS + 5.0);
        double f1 = 0.5 / (EPS + 0.5);
        assertArrayEquals(new double[]{3 * f0, 0.3 * f1, 4 * f0, -0.4 * f1}, flat(w), 1e-12);
        INDArray rows = w();
        new MaxNorm(1.0, 1).apply(rows);
        double r0 = 1.0 / (EPS + Math.hypot(3, 0.3));
        double r1 = 1.0 / (EPS + Math.hypot(4, 0.4));
        assertArrayEquals(new double[]{3 * r0, 0.3 * r0, 4 * r1, -0.4 * r1}, flat(rows), 1e-12);
    }

    @Test
    void minMaxNormWithRate() {
        INDArray w = w();
        new MinMaxNorm(1.0, 2.0, 0.5, 0).apply(w);
        double f0 = (0.5 * 2.0 + 0.5 * 5.0) / (EPS + 5.0);
        double f1 = (0.5 * 1.0 + 0.5 * 0.5) / (EPS + 0.5);
        assertArrayEquals(new double[]{3 * f0, 0.3 * f1, 4 * f0, -0.4 * f1}, flat(w), 1e-12);
    }

    @Test
    void unitNormAndNonNeg() {
        INDArray w = w();
        new UnitNorm().apply(w);
        assertArrayEquals(new double[]{3 / (EPS + 5), 0.3 / (EPS + 0.5), 4 / (EPS + 5), -0.4 / (EPS + 0.5)}, flat(w), 1e-12);
        INDArray n = w();
        new NonNeg().apply(n);
        assertArrayEquals(new double[]{3, 0.3, 4, 0}, flat(n), 0.0);
    }

    @Test
    void kerasDefaultsAndAxisConfig() {
        assertEquals(Map.of("max_value", 2.0, "axis", 0), new MaxNorm().getConfig());
        assertEquals(Map.of("min_value", 0.0, "max_value", 1.0, "rate", 1.0, "axis", 0), new MinMaxNorm().getConfig());
        assertEquals(Map.of("axis", 0), new UnitNorm().getConfig());
        assertEquals(Map.of("axis", List.of(0, 1)), Constraints.get("UnitNorm", Map.of("axis", List.of(0, 1))).getConfig());
        assertThrows(IllegalArgumentException.class, () -> new MaxNorm(2.0, 3).apply(w()));
        assertThrows(IllegalArgumentException.class, () -> Constraints.get("maxnorm"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"max_norm", "min_max_norm", "non_neg", "unit_norm", "MaxNorm", "MinMaxNorm", "NonNeg", "UnitNorm"})
    void registryAndConfigRoundTrip(String identifier) {
        Constraint c = Constraints.get(identifier);
        Constraint back = Constraints.get(c.className(), c.getConfig());
        assertEquals(c.getClass(), back.getClass());
        assertEquals(c.getConfig(), back.getConfig());
    }
}
