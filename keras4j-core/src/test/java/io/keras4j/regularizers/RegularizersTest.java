package io.keras4j.regularizers;

import io.keras4j.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RegularizersTest {
    private static final INDArray W = Nd4j.createFromArray(new double[][]{{0.5, -1.0, 2.0}, {0.3, 0.7, -0.2}});

    @Test
    void penaltiesMatchKerasFormulas() {
        // sum|w| = 4.7, sum w^2 = 0.25 + 1 + 4 + 0.09 + 0.49 + 0.04 = 5.87
        assertEquals(0.01 * 4.7, new L1().penalty(W), 1e-12);
        assertEquals(0.01 * 5.87, new L2().penalty(W), 1e-12);
        assertEquals(0.1 * 4.7 + 0.2 * 5.87, new L1L2(0.1, 0.2).penalty(W), 1e-12);
        assertEquals(0.0, new L1L2().penalty(W), 0.0);
    }

    @Test
    void orthogonalPenaltyByHand() {
        // rows mode: the two rows' cosine; penalty = factor * 0.5 * 2|cos| / 1
        double dot = 0.5 * 0.3 - 1.0 * 0.7 - 2.0 * 0.2;
        double cos = dot / Math.sqrt(5.25 * 0.62);
        assertEquals(0.01 * Math.abs(cos), new OrthogonalRegularizer().penalty(W), 1e-12);
        // columns mode: 3 columns, 3 pairs; penalty = factor * 0.5 * 2 * sum_{i<j} |cos_ij| / 3
        double[][] c = {{0.5, 0.3}, {-1.0, 0.7}, {2.0, -0.2}};
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                double d = c[i][0] * c[j][0] + c[i][1] * c[j][1];
                sum += Math.abs(d / Math.hypot(c[i][0], c[i][1]) / Math.hypot(c[j][0], c[j][1]));
            }
        }
        assertEquals(0.2 * sum / 3, new OrthogonalRegularizer(0.2, "columns").penalty(W), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new OrthogonalRegularizer().penalty(Nd4j.ones(3)));
        assertThrows(IllegalArgumentException.class, () -> new OrthogonalRegularizer(0.1, "diagonal"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"l1", "l2", "l1_l2", "orthogonal_regularizer", "orthogonal_columns"})
    void gradientMatchesFiniteDifferences(String name) {
        Regularizer r = name.equals("l1_l2") ? new L1L2(0.3, 0.2)
                : name.equals("orthogonal_columns") ? new OrthogonalRegularizer(0.5, "columns") : Regularizers.get(name);
        INDArray w = Nd4j.rand(DataType.DOUBLE, 4, 3).subi(0.5);
        INDArray analytic = Nd4j.zeros(DataType.DOUBLE, 4, 3);
        r.addGradient(w, analytic);
        GradientCheck.check(name, r::penalty, w.dup(), analytic);
    }

    @ParameterizedTest
    @ValueSource(strings = {"l1", "l2", "l1_l2", "l1l2", "orthogonal_regularizer", "L1", "L2", "L1L2", "OrthogonalRegularizer"})
    void registryAndConfigRoundTrip(String identifier) {
        Regularizer r = Regularizers.get(identifier);
        Regularizer back = Regularizers.get(r.className(), r.getConfig());
        assertEquals(r.getClass(), back.getClass());
        assertEquals(r.getConfig(), back.getConfig());
    }

    @Test
    void kerasDefaults() {
        assertEquals(Map.of("l1", 0.01), new L1().getConfig());
        assertEquals(Map.of("l2", 0.01), new L2().getConfig());
        assertEquals(Map.of("l1", 0.0, "l2", 0.0), new L1L2().getConfig());
        assertEquals(Map.of("factor", 0.01, "mode", "rows"), new OrthogonalRegularizer().getConfig());
        assertInstanceOf(L2.class, Regularizers.get("L2", Map.of("l2", 0.5)));
        assertThrows(IllegalArgumentException.class, () -> new L2(-1));
    }
}
