package io.keras4j.ops;

import io.keras4j.backend.Tape;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.function.Function;

import static io.keras4j.ops.Ops.add;
import static io.keras4j.ops.Ops.matmul;
import static io.keras4j.ops.Ops.mean;
import static io.keras4j.ops.Ops.multiply;
import static io.keras4j.ops.Ops.relu;
import static io.keras4j.ops.Ops.square;
import static io.keras4j.ops.Ops.subtract;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientTapeTest {
    private static INDArray random(long... shape) {
        Nd4j.getRandom().setSeed(shape.length * 31L + shape[0]);
        return Nd4j.randn(DataType.DOUBLE, shape);
    }

    static INDArray numericGradient(Function<INDArray, INDArray> f, INDArray x) {
        return NumericGradients.of(f, x);
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        double scale = Math.max(1e-8, expected.norm2Number().doubleValue() + actual.norm2Number().doubleValue());
        double err = expected.sub(actual).norm2Number().doubleValue() / scale;
        assertTrue(err < 1e-6, "relative error " + err + "\nexpected " + expected + "\nactual " + actual);
    }

    @Test
    void gradientOfAChainOfOpsWithBroadcastingMatchesFiniteDifferences() {
        INDArray x = random(4, 3);
        INDArray w = random(3, 2);
        INDArray b = random(2);
        Function<INDArray, INDArray> loss = unused -> mean(square(relu(add(matmul(x, w), b))));
        List<INDArray> grads;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x, w, b);
            grads = tape.gradient(loss.apply(null), List.of(x, w, b));
        }
        assertClose(numericGradient(loss, x), grads.get(0));
        assertClose(numericGradient(loss, w), grads.get(1));
        assertClose(numericGradient(loss, b), grads.get(2));
    }

    @Test
    void sharedOperandsAccumulateAndBothSidesOfSubtractGetGradients() {
        INDArray x = random(2, 3);
        INDArray y = random(1, 3);
        Function<INDArray, INDArray> loss = unused -> mean(multiply(subtract(x, y), add(x, multiply(y, 3.0))));
        List<INDArray> grads;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x, y);
            grads = tape.gradient(loss.apply(null), List.of(x, y));
        }
        assertClose(numericGradient(loss, x), grads.get(0));
        assertClose(numericGradient(loss, y), grads.get(1));
    }

    @Test
    void unwatchedArraysAndUnrelatedSourcesGetNoGradient() {
        INDArray x = random(2, 2);
        INDArray other = random(2, 2);
        try (GradientTape tape = new GradientTape(true)) {
            tape.watch(other);
            INDArray loss = mean(square(x));
            assertNull(tape.gradient(loss, x), "x was not watched");
            assertNull(tape.gradient(loss, other), "loss does not depend on other");
        }
    }

    @Test
    void aNonPersistentTapeGivesOneSetOfGradients() {
        INDArray x = random(2, 2);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            INDArray loss = mean(square(x));
            tape.gradient(loss, x);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> tape.gradient(loss, x));
            assertTrue(e.getMessage().contains("non-persistent"), e.getMessage());
        }
    }

    @Test
    void nothingIsRecordedAfterCloseOrWhilePaused() {
        INDArray x = random(2, 2);
        GradientTape tape = new GradientTape(true);
        tape.watch(x);
        INDArray y;
        try (Tape.Pause ignored = Tape.pause()) {
            y = square(x);
        }
        INDArray z = square(x);
        tape.close();
        INDArray after = mean(z);
        assertNull(tape.gradient(y, x), "computed while paused");
        assertNull(tape.gradient(after, x), "computed after close");
        assertEquals(2 * x.getDouble(0, 0), tape.gradient(z, x).getDouble(0, 0), 1e-12);
    }

    @Test
    void theFunctionalFormGivesValueAndGradientsAsJax() {
        INDArray x = random(3, 4);
        INDArray w = random(4, 2);
        INDArray unused = random(2);
        Autodiff.ValueAndGrads vg = Autodiff.valueAndGrad(a -> mean(square(matmul(a[0], a[1]))), x, w, unused);
        assertEquals(mean(square(matmul(x, w))).getDouble(0), vg.value().getDouble(0), 1e-12);
        assertClose(numericGradient(v -> mean(square(matmul(v, w))), x), vg.grads().get(0));
        assertClose(numericGradient(v -> mean(square(matmul(x, v))), w), vg.grads().get(1));
        assertEquals(0.0, vg.grads().get(2).amaxNumber().doubleValue(), "zeros where the value does not depend on it");
    }
}
