package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.KerasTensor;
import io.keras4j.models.Model;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DenseTest {
    @ParameterizedTest
    @ValueSource(strings = {"linear", "relu", "sigmoid", "tanh", "softmax"})
    void harness(String activation) {
        LayerTestHarness.of(() -> new Dense(3, activation), 4, 5)
                .expectedWeights(2).expectedParams(5 * 3 + 3).expectedOutputShape(4, 3).run();
    }

    @Test
    void harnessOnRank3InputWithoutBias() {
        LayerTestHarness.of(() -> new Dense(2).useBias(false), 3, 4, 5)
                .expectedWeights(1).expectedParams(10).expectedOutputShape(3, 4, 2).run();
    }

    @Test
    void forwardWithFixedWeightsMatchesHandComputation() {
        // x = [[1, 2]], kernel = [[1, 2, 3], [4, 5, 6]], bias = [0.5, -1, 0]: x @ k + b = [9.5, 11, 15]
        Dense dense = new Dense(3);
        KerasTensor in = Input.of(2);
        dense.apply(in);
        dense.kernel().assign(Nd4j.createFromArray(new float[][]{{1, 2, 3}, {4, 5, 6}}));
        dense.bias().assign(Nd4j.createFromArray(0.5f, -1f, 0f));
        INDArray y = dense.applyAll(false, Nd4j.createFromArray(new float[][]{{1, 2}}))[0];
        assertArrayEquals(new float[]{9.5f, 11f, 15f}, y.toFloatVector(), 0f);
    }

    @Test
    void kernelUsesKerasLayoutAndGlorotUniformLimits() {
        Dense dense = new Dense(512);
        dense.apply(Input.of(784));
        assertArrayEquals(new long[]{784, 512}, dense.kernel().value().shape());
        double limit = Math.sqrt(6.0 / (784 + 512));
        INDArray k = dense.kernel().value();
        assertTrue(k.maxNumber().doubleValue() <= limit && k.minNumber().doubleValue() >= -limit);
        // a uniform distribution on [-limit, limit] has variance limit^2 / 3
        assertEquals(limit * limit / 3, k.varNumber().doubleValue(), limit * limit / 3 * 0.02);
        assertEquals(0.0, dense.bias().value().sumNumber().doubleValue(), 0.0);
    }

    @Test
    void wrongInputWidthNamesLayerAndShapes() {
        Dense dense = new Dense(4).name("dense_x");
        dense.apply(Input.of(784));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dense.apply(Input.of(780)));
        assertTrue(e.getMessage().contains("dense_x") && e.getMessage().contains("784") && e.getMessage().contains("780"), e.getMessage());
    }

    @Test
    void invalidUnitsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dense(0));
        assertTrue(e.getMessage().contains("units"), e.getMessage());
    }

    @Test
    void weightLargerThanTheOffHeapLimitIsRejectedBeforeAllocating() {
        Dense dense = new Dense(1 << 30).name("huge");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dense.apply(Input.of(1 << 30)));
        assertTrue(e.getMessage().contains("\"huge\"") && e.getMessage().contains("\"kernel\"")
                && e.getMessage().contains("(1073741824, 1073741824)") && e.getMessage().contains("off-heap"), e.getMessage());
    }

    @Test
    void sharedLayerAccumulatesGradientsFromBothCalls() {
        Dense shared = new Dense(2, "tanh");
        KerasTensor a = Input.of(3);
        KerasTensor b = Input.of(3);
        KerasTensor sum = new io.keras4j.layers.Dense(1).apply(shared.apply(a));
        Model model = new Model(List.of(a, b), List.of(sum, shared.apply(b)));
        assertEquals(2, shared.inboundNodes().size());
        assertEquals(shared.weights().size() + 2, model.weights().size(), "shared weights counted once");
    }

    @Test
    void gluHalvesTheUnitsAsKerasComputesIt() {
        io.keras4j.backend.Backend.setFloatx("float64");
        try {
            Dense dense = new Dense(4, "glu");
            Nd4j.getRandom().setSeed(3);
            INDArray x = Nd4j.randn(DataType.DOUBLE, 3, 2);
            INDArray y = dense.apply(x);
            assertArrayEquals(new long[]{3, 2}, y.shape(), "glu outputs half the units (Keras's glu), not zero-padded");
            assertArrayEquals(new long[]{-1, 2}, dense.computeOutputShape(new long[]{-1, 2}));
            INDArray z = x.mmul(dense.kernel().value()).addRowVector(dense.bias().value());
            INDArray a = z.getColumns(0, 1);
            INDArray b = z.getColumns(2, 3);
            INDArray expected = a.mul(org.nd4j.linalg.ops.transforms.Transforms.sigmoid(b, true));
            assertTrue(expected.equalsWithEps(y, 1e-12), "glu(z) = a * sigmoid(b): " + y + " vs " + expected);
            // the gradient through the halved output, against central differences
            INDArray g;
            try (io.keras4j.ops.GradientTape tape = new io.keras4j.ops.GradientTape()) {
                g = tape.gradient(io.keras4j.ops.Ops.sum(io.keras4j.ops.Ops.square(dense.apply(x, true))), dense.kernel());
            }
            INDArray numeric = io.keras4j.ops.NumericGradients.of(
                    k -> io.keras4j.ops.Ops.sum(io.keras4j.ops.Ops.square(dense.apply(x, true))), dense.kernel().value());
            assertTrue(numeric.equalsWithEps(g, 1e-7), "kernel gradient " + g + " vs " + numeric);
        } finally {
            io.keras4j.backend.Backend.setFloatx("float32");
        }
    }
}
