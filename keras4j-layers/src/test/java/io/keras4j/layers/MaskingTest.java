package io.keras4j.layers;

import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class MaskingTest {
    private static INDArray data() {
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 2, 4, 3);
        x.get(NDArrayIndex.point(0), NDArrayIndex.point(1), NDArrayIndex.all()).assign(-1);
        x.get(NDArrayIndex.point(1), NDArrayIndex.point(3), NDArrayIndex.all()).assign(-1);
        return x;
    }

    /** On data without masked steps (the finite-difference check cannot cross the mask's jump). */
    @Test
    void harness() {
        LayerTestHarness.of(() -> new Masking(-1), 2, 4, 3).expectedWeights(0).withoutTrainingStep().run();
    }

    @Test
    void gradientIsZeroOnMaskedSteps() {
        Masking m = new Masking(-1);
        io.keras4j.engine.CallContext ctx = new io.keras4j.engine.CallContext();
        ctx.begin(true, new boolean[]{true});
        INDArray x = data();
        m.call(new INDArray[]{x}, ctx);
        INDArray dx = m.backward(new INDArray[]{Nd4j.ones(x.dataType(), x.shape())}, ctx)[0];
        assertArrayEquals(new double[]{1, 0, 1, 1}, dx.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(2)).toDoubleVector());
        assertArrayEquals(new double[]{1, 1, 1, 0}, dx.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.point(0)).toDoubleVector());
    }

    @Test
    void zeroesMaskedStepsAndReturnsTheStepMask() {
        INDArray x = Nd4j.createFromArray(new double[][][]{{{1, 0}, {0, 0}, {0, 2}}});
        Masking m = new Masking();
        INDArray y = m.applyAll(false, x)[0];
        assertArrayEquals(x.reshape(6).toDoubleVector(), y.reshape(6).toDoubleVector());
        INDArray mask = m.computeMask(new INDArray[]{x}, null)[0];
        assertArrayEquals(new long[]{1, 3}, mask.shape());
        assertArrayEquals(new double[]{1, 0, 1}, mask.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape(3).toDoubleVector());
        INDArray z = new Masking(5).applyAll(false, Nd4j.createFromArray(new double[][][]{{{5, 5}, {5, 1}}}))[0];
        assertArrayEquals(new double[]{0, 0, 5, 1}, z.reshape(4).toDoubleVector());
    }
}
