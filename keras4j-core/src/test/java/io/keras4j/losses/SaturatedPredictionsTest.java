package io.keras4j.losses;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Predictions that saturate to exactly 0 or 1 in float32 (a sigmoid or softmax of a large logit) sit outside
 * the [epsilon, 1 - epsilon] clip: Keras's gradient is 0 there, and it must never be NaN (a NaN gradient
 * silently turned a converging model's weights into NaN after ~300 Adam steps).
 */
class SaturatedPredictionsTest {
    @ParameterizedTest
    @ValueSource(strings = {"binary_crossentropy", "categorical_crossentropy"})
    void gradientIsFiniteAndZeroOutsideTheClipRange(String name) {
        Loss loss = Losses.get(name);
        INDArray yTrue = Nd4j.createFromArray(new float[][]{{0, 1, 0}, {1, 0, 0}});
        INDArray yPred = Nd4j.createFromArray(new float[][]{{0f, 1f, 0f}, {0f, 1f, 0f}});
        Loss.ValueAndGradient vg = loss.computeWithGradient(yTrue, yPred, null);
        INDArray g = vg.gradient();
        assertFalse(Double.isNaN(g.sumNumber().doubleValue()) || Double.isInfinite(g.sumNumber().doubleValue()), g.toString());
        assertFalse(Double.isNaN(vg.value()));
        assertEquals(DataType.FLOAT, g.dataType());
        assertEquals(0.0, g.getRow(0).sumNumber().doubleValue(), 0.0, "a correct saturated row contributes no gradient");
    }
}
