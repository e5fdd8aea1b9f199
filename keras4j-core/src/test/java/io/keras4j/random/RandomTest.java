package io.keras4j.random;

import io.keras4j.ops.GradientTape;
import io.keras4j.utils.Utils;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomTest {
    @Test
    void aFixedSeedRepeatsAndAGeneratorAdvances() {
        long[] shape = {3, 4};
        assertEquals(Random.normal(shape, 0, 1, null, 42), Random.normal(shape, 0, 1, null, 42));
        SeedGenerator g1 = new SeedGenerator(7);
        SeedGenerator g2 = new SeedGenerator(7);
        INDArray a = Random.uniform(shape, 0, 1, null, g1);
        INDArray b = Random.uniform(shape, 0, 1, null, g1);
        assertNotEquals(a, b, "a generator gives the next values");
        assertEquals(a, Random.uniform(shape, 0, 1, null, g2), "the same stream from the same seed");
        assertEquals(b, Random.uniform(shape, 0, 1, null, g2));
    }

    @Test
    void theGlobalStateIsReproducibleAfterSetRandomSeed() {
        Utils.setRandomSeed(123);
        INDArray a = Random.normal(5);
        SeedGenerator fromGlobal = new SeedGenerator();
        Utils.setRandomSeed(123);
        assertEquals(a, Random.normal(5));
        assertEquals(fromGlobal.seed(), new SeedGenerator().seed());
    }

    @Test
    void drawsHaveTheirDistributionsMomentsAndRanges() {
        INDArray n = Random.normal(new long[]{20000}, 2.0, 3.0, "float64", 1);
        assertEquals(DataType.DOUBLE, n.dataType());
        assertEquals(2.0, n.meanNumber().doubleValue(), 0.1);
        assertEquals(3.0, n.stdNumber().doubleValue(), 0.1);
        INDArray u = Random.uniform(new long[]{20000}, -1.0, 3.0, null, 2);
        assertEquals(DataType.FLOAT, u.dataType());
        assertTrue(u.minNumber().doubleValue() >= -1 && u.maxNumber().doubleValue() < 3);
        assertEquals(1.0, u.meanNumber().doubleValue(), 0.05);
        INDArray t = Random.truncatedNormal(new long[]{20000}, 0.0, 2.0, "float64", 3);
        assertTrue(t.amaxNumber().doubleValue() <= 4.0);
        // the variance of a standard normal truncated at +-2 is 0.7737 (1 - 2 * 2 * phi(2) / (2 * Phi(2) - 1))
        assertEquals(0.7737 * 4, t.varNumber().doubleValue(), 0.1);
    }

    @Test
    void dropoutZeroesAFractionScalesTheRestAndItsGradientUsesTheSameMask() {
        INDArray x = Nd4j.ones(DataType.DOUBLE, 100, 100);
        INDArray out;
        INDArray grad;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            out = Random.dropout(x, 0.3, null, 5);
            grad = tape.gradient(out, x);
        }
        double dropped = out.eq(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertEquals(0.3, dropped, 0.03);
        assertEquals(1 / 0.7, out.maxNumber().doubleValue(), 1e-12);
        assertEquals(out, grad, "d(x * mask / 0.7)/dx is mask / 0.7, and x is ones");
    }

    @Test
    void dropoutNoiseShapeSharesTheMaskAlongAxesOfSizeOne() {
        INDArray x = Nd4j.ones(DataType.DOUBLE, 4, 50);
        INDArray out = Random.dropout(x, 0.5, new long[]{1, 50}, 9);
        for (int r = 1; r < 4; r++) {
            assertEquals(out.getRow(0), out.getRow(r));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Random.dropout(x, 1.0));
        assertEquals("random.dropout: rate must be in [0, 1), got 1.0", e.getMessage());
    }

    @Test
    void shuffleIsASeededPermutationAlongAnAxis() {
        INDArray x = Nd4j.arange(20).castTo(DataType.DOUBLE).reshape(10, 2);
        INDArray s = Random.shuffle(x, 0, 4);
        assertEquals(s, Random.shuffle(x, 0, 4));
        assertNotEquals(x, s);
        double[] firsts = s.getColumn(0).toDoubleVector();
        Arrays.sort(firsts);
        assertArrayEquals(x.getColumn(0).toDoubleVector(), firsts);
        assertEquals(s.getColumn(0).add(1), s.getColumn(1), "rows move whole");
    }
}
