package io.keras4j.optimizers.schedules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each schedule at several steps against its closed form, written out here independently. */
class LearningRateSchedulesTest {
    private static final long[] STEPS = {0, 1, 5, 10, 15, 25, 100};

    @Test
    void exponentialDecay() {
        ExponentialDecay smooth = new ExponentialDecay(0.1, 10, 0.5);
        ExponentialDecay stairs = new ExponentialDecay(0.1, 10, 0.5).staircase(true);
        for (long s : STEPS) {
            assertEquals(0.1 * Math.pow(0.5, s / 10.0), smooth.at(s), 1e-15);
            assertEquals(0.1 * Math.pow(0.5, s / 10), stairs.at(s), 1e-15);
        }
        assertEquals(0.05, stairs.at(19), 1e-15);
    }

    @Test
    void inverseTimeDecay() {
        InverseTimeDecay smooth = new InverseTimeDecay(0.1, 10, 0.5);
        InverseTimeDecay stairs = new InverseTimeDecay(0.1, 10, 0.5).staircase(true);
        for (long s : STEPS) {
            assertEquals(0.1 / (1 + 0.5 * s / 10.0), smooth.at(s), 1e-15);
            assertEquals(0.1 / (1 + 0.5 * (s / 10)), stairs.at(s), 1e-15);
        }
    }

    @Test
    void piecewiseConstantDecay() {
        PiecewiseConstantDecay p = new PiecewiseConstantDecay(new double[]{10, 20}, new double[]{1.0, 0.5, 0.1});
        assertEquals(1.0, p.at(0));
        assertEquals(1.0, p.at(10));
        assertEquals(0.5, p.at(11));
        assertEquals(0.5, p.at(20));
        assertEquals(0.1, p.at(21));
        assertThrows(IllegalArgumentException.class, () -> new PiecewiseConstantDecay(new double[]{1, 2}, new double[]{1}));
    }

    @Test
    void polynomialDecay() {
        PolynomialDecay linear = new PolynomialDecay(0.1, 10);
        PolynomialDecay cyclic = new PolynomialDecay(0.1, 10, 0.01, 2.0, true);
        for (long s : STEPS) {
            double capped = Math.min(s, 10);
            assertEquals((0.1 - 0.0001) * (1 - capped / 10) + 0.0001, linear.at(s), 1e-15);
            double period = 10 * (s == 0 ? 1 : Math.ceil(s / 10.0));
            assertEquals((0.1 - 0.01) * Math.pow(1 - s / period, 2) + 0.01, cyclic.at(s), 1e-15);
        }
        assertEquals(0.01 + 0.09 * 0.0625, cyclic.at(15), 1e-15);
    }

    @Test
    void cosineDecayWithAndWithoutWarmup() {
        CosineDecay plain = new CosineDecay(0.1, 10, 0.2);
        CosineDecay warm = new CosineDecay(0.0, 10).warmupTarget(0.5).warmupSteps(4);
        for (long s : STEPS) {
            double f = Math.min(s, 10) / 10.0;
            assertEquals(0.1 * (0.8 * 0.5 * (1 + Math.cos(Math.PI * f)) + 0.2), plain.at(s), 1e-15);
            double w = Math.min(s, 14);
            double expected = w < 4 ? 0.5 * w / 4 : 0.5 * 0.5 * (1 + Math.cos(Math.PI * (w - 4) / 10));
            assertEquals(expected, warm.at(s), 1e-15);
        }
        assertEquals(0.25, warm.at(2), 1e-15);
        assertEquals(0.5, warm.at(4), 1e-15);
    }

    @Test
    void cosineDecayRestarts() {
        // t_mul 2: periods of 10, 20, 40 steps starting at 0, 10, 30; m_mul 0.5 halves each restart
        CosineDecayRestarts r = new CosineDecayRestarts(0.1, 10, 2.0, 0.5, 0.1);
        long[][] stepStartLengthIndex = {{0, 0, 10, 0}, {5, 0, 10, 0}, {10, 10, 20, 1}, {25, 10, 20, 1}, {30, 30, 40, 2}, {50, 30, 40, 2}};
        for (long[] c : stepStartLengthIndex) {
            double f = (double) (c[0] - c[1]) / c[2];
            double expected = 0.1 * (0.9 * 0.5 * Math.pow(0.5, c[3]) * (1 + Math.cos(Math.PI * f)) + 0.1);
            assertEquals(expected, r.at(c[0]), 1e-12, "step " + c[0]);
        }
        CosineDecayRestarts equalPeriods = new CosineDecayRestarts(1.0, 4).tMul(1.0);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 0.25)), equalPeriods.at(9), 1e-12);
        assertEquals(1.0, equalPeriods.at(8), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ExponentialDecay", "PiecewiseConstantDecay", "PolynomialDecay", "InverseTimeDecay", "CosineDecay",
            "CosineDecayRestarts"})
    void serializeRoundTrip(String className) {
        LearningRateSchedule s = switch (className) {
            case "ExponentialDecay" -> new ExponentialDecay(0.1, 7, 0.3).staircase(true);
            case "PiecewiseConstantDecay" -> new PiecewiseConstantDecay(new double[]{3}, new double[]{0.2, 0.1});
            case "PolynomialDecay" -> new PolynomialDecay(0.1, 7).power(0.5).cycle(true);
            case "InverseTimeDecay" -> new InverseTimeDecay(0.1, 7, 0.3);
            case "CosineDecay" -> new CosineDecay(0.1, 7, 0.1).warmupTarget(0.3).warmupSteps(2);
            default -> new CosineDecayRestarts(0.1, 7, 1.5, 0.9, 0.1);
        };
        Map<String, Object> serialized = LearningRateSchedules.serialize(s);
        assertEquals(className, serialized.get("class_name"));
        LearningRateSchedule back = LearningRateSchedules.deserialize(serialized);
        assertEquals(s.getConfig(), back.getConfig());
        for (long step : STEPS) {
            assertEquals(s.at(step), back.at(step), 0.0);
        }
    }

    @Test
    void kerasConfigKeys() {
        assertEquals(List.of("initial_learning_rate", "decay_steps", "alpha", "name", "warmup_target", "warmup_steps"),
                List.copyOf(new CosineDecay(0.1, 5).getConfig().keySet()));
        assertEquals("SGDRDecay", new CosineDecayRestarts(0.1, 5).getConfig().get("name"));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.1, 0, 0.5));
    }
}
