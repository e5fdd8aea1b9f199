package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.testing.LayerTestHarness;
import io.keras4j.utils.Utils;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DropoutTest {
    @Test
    void harness() {
        // inference mode is the identity; the harness gradient-checks that path and trains through it
        LayerTestHarness.of(() -> new Dropout(0.5), 4, 6).expectedWeights(0).expectedOutputShape(4, 6).run();
    }

    @Test
    void dropsTheRateAndScalesTheRestDuringTraining() {
        Utils.setRandomSeed(3);
        Dropout dropout = new Dropout(0.3);
        INDArray x = Nd4j.ones(DataType.FLOAT, 200, 500);
        CallContext ctx = new CallContext();
        ctx.begin(true, new boolean[]{true});
        INDArray y = dropout.call(new INDArray[]{x}, ctx)[0];
        double zeros = y.eq(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertEquals(0.3, zeros, 0.01, "fraction dropped equals the rate");
        double kept = y.maxNumber().doubleValue();
        assertEquals(1 / 0.7, kept, 1e-5, "kept values are scaled by 1 / (1 - rate)");
        assertEquals(1.0, y.meanNumber().doubleValue(), 0.02, "the expectation is unchanged");
        INDArray dy = Nd4j.ones(DataType.FLOAT, 200, 500);
        INDArray dx = dropout.backward(new INDArray[]{dy}, ctx)[0];
        assertEquals(y, dx, "the gradient passes through the same mask");
    }

    @Test
    void isTheIdentityAtInference() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4);
        assertSame(x, new Dropout(0.5).applyAll(false, x)[0]);
    }

    @Test
    void rejectsRatesOutsideTheUnitInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
        assertTrue(e.getMessage().contains("rate"), e.getMessage());
    }
}
