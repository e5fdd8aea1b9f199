package io.keras4j.ops;

import io.keras4j.backend.Backend;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Variable;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Input;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Model;
import io.keras4j.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static io.keras4j.ops.Ops.abs;
import static io.keras4j.ops.Ops.add;
import static io.keras4j.ops.Ops.concatenate;
import static io.keras4j.ops.Ops.getItem;
import static io.keras4j.ops.Ops.hardSilu;
import static io.keras4j.ops.Ops.matmul;
import static io.keras4j.ops.Ops.maximum;
import static io.keras4j.ops.Ops.mean;
import static io.keras4j.ops.Ops.multiply;
import static io.keras4j.ops.Ops.notEqual;
import static io.keras4j.ops.Ops.power;
import static io.keras4j.ops.Ops.reshape;
import static io.keras4j.ops.Ops.softmax;
import static io.keras4j.ops.Ops.sqrt;
import static io.keras4j.ops.Ops.subtract;
import static io.keras4j.ops.Ops.sum;
import static io.keras4j.ops.Ops.transpose;
import static io.keras4j.ops.Ops.trueDivide;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** keras.ops on KerasTensors: operation nodes with Keras's shapes and dtypes, which run and train inside a model. */
class OperationNodesTest {
    @AfterEach
    void restoreFloatx() {
        Backend.setFloatx("float32");
    }

    @Test
    void symbolicCallsGiveKerasShapesAndDtypes() {
        KerasTensor x = Input.of(4);
        KerasTensor seq = Input.of(new long[]{-1, 8}, "seq", "float32");
        assertArrayEquals(new long[]{-1, 4}, add(x, 3.0).shape());
        assertArrayEquals(new long[]{-1, 2}, getItem(x, Slice.of(null, null), Slice.of(1, 3)).shape());
        assertArrayEquals(new long[]{-1}, mean(x, -1).shape());
        assertArrayEquals(new long[]{-1, 2, 2}, reshape(x, -1, 2, 2).shape());
        assertArrayEquals(new long[]{-1, -1, 8}, getItem(seq, Slice.of(null, null), Slice.of(1, null)).shape(), "unknown stays unknown");
        assertArrayEquals(new long[]{-1, 8, -1}, transpose(seq, 0, 2, 1).shape());
        assertArrayEquals(new long[]{}, sum(x).shape());
        assertEquals(DataType.BOOL, notEqual(x, 0).dtype());
        Operation op = (Operation) add(2.0, x).node().layer();
        assertEquals("Add", op.className());
        assertEquals("keras.src.ops.numpy", op.module());
        assertEquals(List.of(2.0, new Operation.TensorArg(0)), op.arguments());
    }

    @Test
    void badCallsAreRefusedByName() {
        KerasTensor x = Input.of(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reshape(x, -1, 3));
        assertTrue(e.getMessage().contains("Reshape") && e.getMessage().contains("cannot reshape"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Slice(0, 2, 0), "a zero step is refused");
        IllegalArgumentException broadcast = assertThrows(IllegalArgumentException.class, () -> add(x, Input.of(3)));
        assertTrue(broadcast.getMessage().contains("cannot be broadcast"), broadcast.getMessage());
    }

    /** A small model whose graph runs through many operation nodes between two Dense layers. */
    private static Model model() {
        Utils.setRandomSeed(11);
        KerasTensor x = Input.of(3);
        KerasTensor y = Input.of(4);
        KerasTensor h = new Dense(4, "tanh").apply(x);
        KerasTensor a = trueDivide(multiply(add(h, 0.5), y), 3);
        KerasTensor b = maximum(a, subtract(0.1, h));
        KerasTensor c = concatenate(new KerasTensor[]{getItem(b, Slice.of(null, null), Slice.of(1, 4)), mean(b, new int[]{-1}, true),
                hardSilu(power(a, 2)), sqrt(add(abs(b), 1.0)), softmax(a, -1)}, -1);
        KerasTensor d = matmul(transpose(reshape(c, -1, 2, 8), 0, 2, 1), reshape(h, -1, 2, 2));   // (batch, 8, 2)
        return new Model(List.of(x, y), List.of(new Dense(2).apply(reshape(d, -1, 16))));
    }

    @Test
    void gradientsThroughOperationNodesMatchFiniteDifferences() {
        Backend.setFloatx("float64");
        Model model = model();
        INDArray x = Nd4j.randn(DataType.DOUBLE, 5, 3);
        INDArray y = Nd4j.randn(DataType.DOUBLE, 5, 4);
        INDArray r = Nd4j.randn(DataType.DOUBLE, 5, 2);
        List<Variable> weights = model.trainableWeights();
        List<INDArray> grads;
        try (GradientTape tape = new GradientTape()) {
            INDArray out = model.applyAll(true, x, y)[0];
            grads = tape.gradient(Ops.sum(Ops.multiply(out, r)), weights);
        }
        for (int w = 0; w < weights.size(); w++) {
            INDArray numeric = NumericGradients.of(v -> model.predictAll(x, y).get(0).mul(r).sum(), weights.get(w).value());
            double scale = Math.max(1e-3, numeric.amaxNumber().doubleValue());
            assertEquals(0.0, grads.get(w).sub(numeric).amaxNumber().doubleValue() / scale, 1e-5, weights.get(w).name());
        }
    }

    @Test
    void fitStepsThroughOperationNodes() {
        // one SGD step of fit moves each weight by -lr * the tape's gradient of the mse loss
        Backend.setFloatx("float64");
        Model model = model();
        INDArray x = Nd4j.randn(DataType.DOUBLE, 6, 3);
        INDArray y = Nd4j.randn(DataType.DOUBLE, 6, 4);
        INDArray target = Nd4j.randn(DataType.DOUBLE, 6, 2);
        List<Variable> weights = model.trainableWeights();
        List<INDArray> grads;
        try (GradientTape tape = new GradientTape()) {
            INDArray out = model.applyAll(true, x, y)[0];
            grads = tape.gradient(Ops.mean(Ops.square(Ops.subtract(out, target))), weights);
        }
        List<INDArray> before = weights.stream().map(v -> v.value().dup()).toList();
        model.compile(new io.keras4j.optimizers.SGD(0.1), "mse");
        model.fit(new INDArray[]{x, y}, new INDArray[]{target}, new FitOptions().epochs(1).batchSize(6).shuffle(false).verbose(0));
        for (int w = 0; w < weights.size(); w++) {
            INDArray expected = before.get(w).sub(grads.get(w).mul(0.1));
            assertTrue(grads.get(w).amaxNumber().doubleValue() > 1e-6, "a gradient reaches " + weights.get(w).name());
            assertEquals(0.0, weights.get(w).value().sub(expected).amaxNumber().doubleValue(), 1e-9, weights.get(w).name());
        }
    }

    @Test
    void summaryListsOperationsAsKerasDoes() {
        io.keras4j.engine.Names.clear();
        KerasTensor x = Input.of(4);
        Model model = new Model(x, mean(add(new Dense(3).apply(x), 3.0), -1));
        String summary = model.summaryString();
        // Keras 3.15 lists the operations as rows too: "add (Add) | (None, 3) | 0", "mean (Mean) | (None) | 0"
        assertTrue(summary.matches("(?s).*│ dense \\(Dense\\) +│ \\(None, 3\\) +│ +15 │.*│ add \\(Add\\) +│ \\(None, 3\\) +│ +0 │.*"
                + "│ mean \\(Mean\\) +│ \\(None,?\\) +│ +0 │.*Total params: 15 .*"), summary);
    }
}
