package io.keras4j.layers;

import io.keras4j.engine.Layer;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The layers whose computation reads the mask go through the shared harness with masked inputs: the finite-difference
 * gradient check then runs on the masked path (masked positions get no gradient where Keras's formula ignores them), and
 * the output masks are the ones mask_goldens.json shows Keras giving for the same mask pattern.
 */
class MaskConsumerGradientTest {
    private static final boolean[][] STEPS = {{true, true, true, false}, {true, true, false, false}};
    private static final boolean[][] OTHER = {{false, false, false, true}, {false, false, true, false}};
    private static final boolean[][] OR = {{true, true, true, true}, {true, true, true, false}};
    /** A (steps, steps) mask for Softmax on (batch, steps, steps): Keras broadcasts it from the right. */
    private static final boolean[][] SQUARE = {{true, true, true, false}, {true, true, false, false}, {true, false, false, false},
            {true, true, true, true}};

    private static INDArray mask(boolean[][] m) {
        return m == null ? null : Nd4j.createFromArray(m);
    }

    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("GlobalAveragePooling1D", (Supplier<Layer>) GlobalAveragePooling1D::new, 1, false, null),
                Arguments.of("Softmax", (Supplier<Layer>) Softmax::new, 1, false, SQUARE),
                Arguments.of("BatchNormalization training", (Supplier<Layer>) BatchNormalization::new, 1, true, STEPS),
                Arguments.of("Multiply", (Supplier<Layer>) Multiply::new, 2, false, OR),
                Arguments.of("Maximum", (Supplier<Layer>) Maximum::new, 2, false, OR),
                Arguments.of("Minimum", (Supplier<Layer>) Minimum::new, 2, false, OR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void gradientsWithMasks(String label, Supplier<Layer> factory, int inputs, boolean training, boolean[][] expectedMask) {
        boolean softmax = label.equals("Softmax");
        LayerTestHarness harness = softmax ? LayerTestHarness.of(factory, 3, 4, 4) : LayerTestHarness.of(factory, 2, 4, 3);
        INDArray[] masks = new INDArray[inputs];
        masks[0] = mask(softmax ? SQUARE : STEPS);
        if (inputs == 2) {
            harness.input(2, 4, 3);
            masks[1] = mask(OTHER);
        }
        harness.inputMasks(masks).expectedMasks(mask(expectedMask));
        if (training) {
            harness.gradientCheckInTrainingMode();
        }
        harness.run();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void maskedPositionsGetNoGradientWhereKerasIgnoresThem(String label, Supplier<Layer> factory, int inputs, boolean training,
                                                           boolean[][] expectedMask) {
        if (label.startsWith("BatchNormalization")) {
            return; // a masked position still enters through (x - mean): its gradient is not 0
        }
        boolean softmax = label.equals("Softmax");
        Layer layer = factory.get();
        INDArray[] xs = new INDArray[inputs];
        INDArray[] masks = new INDArray[inputs];
        for (int i = 0; i < inputs; i++) {
            xs[i] = softmax ? Nd4j.rand(DataType.DOUBLE, 3, 4, 4) : Nd4j.rand(DataType.DOUBLE, 2, 4, 3);
            masks[i] = mask(softmax ? SQUARE : STEPS);
        }
        layer.applyAll(false, xs);
        io.keras4j.engine.CallContext ctx = new io.keras4j.engine.CallContext();
        boolean[] needs = new boolean[inputs];
        java.util.Arrays.fill(needs, true);
        ctx.begin(training, needs);
        ctx.setInputMasks(masks);
        INDArray y = layer.call(xs, ctx)[0];
        INDArray[] dx = layer.backward(new INDArray[]{Nd4j.ones(DataType.DOUBLE, y.shape())}, ctx);
        // sample 0, step 3 is masked in every input (for Softmax: row 0, column 3 of the broadcast mask)
        // where every input is masked, Maximum and Minimum give the first input's value (base_merge.py): its gradient flows
        int first = label.equals("Maximum") || label.equals("Minimum") ? 1 : 0;
        for (int i = first; i < dx.length; i++) {
            INDArray g = dx[i];
            assertZero(g.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(3),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()), label);
        }
    }

    private static void assertZero(INDArray g, String label) {
        org.junit.jupiter.api.Assertions.assertEquals(0.0, g.amaxNumber().doubleValue(), 0.0, label + ": gradient of a masked step " + g);
    }
}
