package io.keras4j.layers;

import io.keras4j.engine.Layer;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bidirectional and TimeDistributed through the shared harness, and their merge/fold semantics. */
class WrapperHarnessTest {
    static Stream<Arguments> mergeModes() {
        // input (2, 3, 2), GRU(3): concat doubles the last axis
        return Stream.of(Arguments.of("concat", 6L), Arguments.of("sum", 3L), Arguments.of("mul", 3L), Arguments.of("ave", 3L));
    }

    @ParameterizedTest
    @MethodSource("mergeModes")
    void bidirectionalHarness(String mode, long width) {
        LayerTestHarness.of(() -> new Bidirectional(new GRU(3).recurrentInitializer("glorot_uniform").returnSequences(true)).mergeMode(mode),
                2, 3, 2).expectedWeights(6).expectedOutputShape(2, 3, width).run();
    }

    @Test
    void bidirectionalWithoutMergeAndWithStatesHarness() {
        LayerTestHarness.of(() -> new Bidirectional(new LSTM(3).recurrentInitializer("glorot_uniform").returnState(true)).mergeMode(null),
                2, 3, 2).expectedWeights(6).run();
    }

    @Test
    void timeDistributedHarness() {
        LayerTestHarness.of(() -> new TimeDistributed(new Dense(4, "tanh")), 2, 3, 5)
                .expectedWeights(2).expectedParams(24).expectedOutputShape(2, 3, 4).run();
    }

    @Test
    void bidirectionalConcatIsForwardThenFlippedBackward() {
        LSTM lstm = new LSTM(2).recurrentInitializer("glorot_uniform").returnSequences(true);
        Bidirectional bi = new Bidirectional(lstm);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 4, 3);
        INDArray y = bi.applyAll(false, x)[0];
        INDArray yf = bi.forwardLayer().applyAll(false, x)[0];
        INDArray yb = bi.backwardLayer().applyAll(false, x)[0];
        assertEquals("forward_" + lstm.name(), bi.forwardLayer().name());
        assertTrue(((LSTM) bi.backwardLayer()).goBackwards());
        for (int t = 0; t < 4; t++) {
            assertEquals(yf.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(t)),
                    y.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(t),
                            org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)));
            assertEquals(yb.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(3 - t)),
                    y.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(t),
                            org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4)));
        }
    }

    @Test
    void timeDistributedAppliesTheSameWeightsAtEveryStep() {
        Dense dense = new Dense(2);
        TimeDistributed td = new TimeDistributed(dense);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4, 5);
        INDArray y = td.applyAll(false, x)[0];
        assertArrayEquals(new long[]{3, 4, 2}, y.shape());
        INDArray step2 = x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(2)).dup();
        assertTrue(dense.applyAll(false, step2)[0].equalsWithEps(
                y.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(2)), 1e-6));
    }

    @Test
    void badArgumentsNameTheLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Bidirectional(new Dense(3)));
        assertTrue(e.getMessage().contains("Bidirectional") && e.getMessage().contains("Dense"), e.getMessage());
        Layer lstm = new LSTM(2);
        e = assertThrows(IllegalArgumentException.class, () -> new Bidirectional(lstm).mergeMode("max"));
        assertTrue(e.getMessage().contains("merge_mode") && e.getMessage().contains("max"), e.getMessage());
    }
}
