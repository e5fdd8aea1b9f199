package io.keras4j.layers.custom;

import io.keras4j.backend.Backend;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.KerasWeights;
import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.engine.Variable;
import io.keras4j.layers.Activation;
import io.keras4j.layers.Add;
import io.keras4j.layers.Bidirectional;
import io.keras4j.layers.Dense;
import io.keras4j.layers.GRU;
import io.keras4j.layers.GRUCell;
import io.keras4j.layers.Input;
import io.keras4j.layers.LSTM;
import io.keras4j.layers.LSTMCell;
import io.keras4j.layers.RNN;
import io.keras4j.layers.SimpleRNN;
import io.keras4j.layers.StackedRNNCells;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.testing.GradientCheck;
import io.keras4j.testing.LayerTestHarness;
import io.keras4j.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code RNN(cell)} with a user's own cell, as keras/src/layers/rnn/rnn.py {@code RNN}: the docstring's
 * MinimalRNNCell through the harness, the same numbers as the equivalent SimpleRNN, a functional model as the
 * cell, stacked cells, training, and errors.
 */
class CustomCellTest {
    private String floatx;

    @BeforeAll
    static void register() {
        LayerProvider.register("MinimalRNNCell", MinimalRNNCell::fromConfig);
    }

    @BeforeEach
    void float64() {
        floatx = Backend.floatx();
        Backend.setFloatx("float64");
        Utils.setRandomSeed(42);
    }

    @AfterEach
    void restore() {
        Backend.setFloatx(floatx);
    }

    record Case(String name, Supplier<Layer> layer, long params) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> layers() {
        long minimal = 2 * 3 + 3 * 3;
        return Stream.of(
                new Case("minimal", () -> new RNN(new MinimalRNNCell(3)).returnSequences(true), minimal),
                new Case("minimal state backwards", () -> new RNN(new MinimalRNNCell(3)).returnState(true).goBackwards(true), minimal),
                new Case("stacked minimal", () -> new RNN(List.of(new MinimalRNNCell(3), new MinimalRNNCell(4))).returnState(true),
                        minimal + 3 * 4 + 4 * 4),
                new Case("stacked lstm_cell and minimal", () -> new RNN(new StackedRNNCells(
                        new LSTMCell(3).recurrentInitializer("glorot_uniform"), new MinimalRNNCell(2))).returnSequences(true),
                        2 * 12 + 3 * 12 + 12 + 3 * 2 + 2 * 2),
                new Case("bidirectional minimal", () -> new Bidirectional(new RNN(new MinimalRNNCell(3)).returnSequences(true)), 2 * minimal));
    }

    /** Float64 finite differences through time, config round trip (the registered cell) and a training step. */
    @ParameterizedTest
    @MethodSource("layers")
    void harness(Case c) {
        LayerTestHarness.of(c.layer(), 2, 3, 2).expectedParams(c.params()).run();
    }

    @Test
    void cellAloneIsOneStep() {
        LayerTestHarness.of(() -> new MinimalRNNCell(3), 2, 2).input(2, 3).expectedParams(15).run();
    }

    /** Outputs, input, state and weight gradients of a forward and backward call. */
    private static List<INDArray> run(Layer layer, INDArray x, INDArray mask, INDArray[] r) {
        CallContext ctx = new CallContext();
        ctx.begin(true, new boolean[]{true});
        ctx.setInputMasks(mask);
        List<INDArray> result = new ArrayList<>();
        for (INDArray y : layer.call(new INDArray[]{x}, ctx)) {
            result.add(y.dup());
        }
        layer.trainableWeights().forEach(Variable::resetGradient);
        result.add(layer.backward(r, ctx)[0].dup());
        layer.trainableWeights().forEach(v -> result.add(v.gradient().dup()));
        return result;
    }

    private static void assertSameRun(Layer expected, Layer actual, boolean masked) {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 5, 2).subi(0.5);
        INDArray mask = masked ? Nd4j.createFromArray(new double[][]{{1, 1, 0, 1, 0}, {0, 1, 1, 1, 1}, {1, 0, 0, 1, 1}}) : null;
        INDArray[] out = expected.applyAll(false, x);
        List<INDArray> weights = new ArrayList<>();
        expected.weights().forEach(v -> weights.add(v.value()));
        actual.applyAll(false, x);
        assertEquals(weights.size(), actual.weights().size(), "weights");
        for (int i = 0; i < weights.size(); i++) {
            actual.weights().get(i).assign(weights.get(i));
        }
        INDArray[] r = new INDArray[out.length];
        for (int o = 0; o < r.length; o++) {
            r[o] = Nd4j.rand(DataType.DOUBLE, out[o].shape()).subi(0.5);
        }
        List<INDArray> want = run(expected, x, mask, r);
        List<INDArray> got = run(actual, x, mask, r);
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            double err = want.get(i).sub(got.get(i)).amaxNumber().doubleValue();
            assertTrue(err < 1e-12, "array " + i + " (outputs, input gradient, weight gradients) differs by " + err);
        }
    }

    /** MinimalRNNCell is SimpleRNN without activation and bias: same weights, same outputs and gradients. */
    @ParameterizedTest
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void minimalCellIsALinearSimpleRnn(boolean goBackwards, boolean masked) {
        assertSameRun(new SimpleRNN(4).activation("linear").useBias(false).returnSequences(true).returnState(true).goBackwards(goBackwards),
                new RNN(new MinimalRNNCell(4)).returnSequences(true).returnState(true).goBackwards(goBackwards), masked);
    }

    /** A cell whose step is a functional model of keras4j layers: tanh(x @ W + h @ U), gradients from its layers. */
    private static Model tanhStep(int inputDim, int units) {
        KerasTensor x = Input.of(inputDim);
        KerasTensor h = Input.of(units);
        KerasTensor z = new Add().apply(new Dense(units).useBias(false).apply(x), new Dense(units).useBias(false).apply(h));
        KerasTensor out = new Activation("tanh").apply(z);
        return new Model(List.of(x, h), List.of(out, out));
    }

    @ParameterizedTest
    @CsvSource({"false", "true"})
    void functionalModelCellIsASimpleRnn(boolean masked) {
        assertSameRun(new SimpleRNN(4).useBias(false).returnSequences(true).returnState(true),
                new RNN(tanhStep(2, 4)).returnSequences(true).returnState(true), masked);
    }

    @Test
    void functionalModelCellGradientsMatchFiniteDifferences() {
        RNN layer = new RNN(tanhStep(2, 3)).returnSequences(true).goBackwards(true);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 2).subi(0.5);
        layer.applyAll(false, x);
        GradientCheck.checkLayer(layer, false, x, Nd4j.rand(DataType.DOUBLE, 2, 3));
    }

    /** Keras's RNN([cell1, cell2]) computes what the two recurrent layers stacked compute. */
    @Test
    void stackedCellsAreStackedLayers() {
        KerasTensor in = Input.of(5, 2);
        Model stacked = new Model(List.of(in), new GRU(4).returnState(true).applyAll(new LSTM(3).returnSequences(true).apply(in)));
        RNN rnn = new RNN(List.of(new LSTMCell(3), new GRUCell(4))).returnState(true);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 5, 2).subi(0.5);
        List<INDArray> want = stacked.predictAll(x);
        rnn.applyAll(false, x);
        for (int i = 0; i < stacked.weights().size(); i++) {
            rnn.weights().get(i).assign(stacked.weights().get(i).value());
        }
        INDArray[] got = rnn.applyAll(false, x);
        assertEquals(4, got.length, "output, then the LSTM's h and c, then the GRU's h");
        assertTrue(want.get(0).equalsWithEps(got[0], 1e-12), "output");
        assertTrue(want.get(1).equalsWithEps(got[3], 1e-12), "last cell's state");
    }

    /** As Keras 3 saves RNN([LSTMCell, GRUCell, LSTMCell]): cell/cells/lstm_cell, gru_cell, lstm_cell_1. */
    @Test
    void stackedCellsKeepKerasWeightGroups() {
        RNN rnn = new RNN(List.of(new LSTMCell(3), new GRUCell(4), new LSTMCell(2)));
        rnn.applyAll(false, Nd4j.rand(DataType.DOUBLE, 1, 3, 2));
        var groups = ((KerasWeights) rnn).kerasVariables();
        assertEquals(List.of("cell/cells/lstm_cell/vars", "cell/cells/gru_cell/vars", "cell/cells/lstm_cell_1/vars"), List.copyOf(groups.keySet()));
        assertEquals(List.of(2L, 12L), List.of(groups.get("cell/cells/lstm_cell/vars").get(0).shape()[0], groups.get("cell/cells/lstm_cell/vars").get(0).shape()[1]));
        RNN copy = new RNN(List.of(new LSTMCell(3), new GRUCell(4), new LSTMCell(2)));
        copy.applyAll(false, Nd4j.rand(DataType.DOUBLE, 1, 3, 2));
        ((KerasWeights) copy).setKerasVariables(groups);
        for (int i = 0; i < rnn.weights().size(); i++) {
            assertEquals(rnn.weights().get(i).value(), copy.weights().get(i).value(), "weight " + i);
        }
    }

    /** stateful: two calls on the halves of a sequence give what one call on the whole gives. */
    @Test
    void statefulCustomCellContinues() {
        RNN whole = new RNN(new MinimalRNNCell(3)).returnSequences(true);
        RNN halves = new RNN(new MinimalRNNCell(3)).returnSequences(true).stateful(true);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 6, 2);
        INDArray want = whole.applyAll(false, x)[0];
        halves.applyAll(false, x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1), NDArrayIndex.all()));
        halves.resetStates();
        for (int i = 0; i < 2; i++) {
            halves.weights().get(i).assign(whole.weights().get(i).value());
        }
        INDArray first = halves.applyAll(false, x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all()))[0];
        INDArray second = halves.applyAll(false, x.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 6), NDArrayIndex.all()))[0];
        assertTrue(want.equalsWithEps(Nd4j.concat(1, first, second), 1e-12));
    }

    /**
     * A cell registered as "package>Name" (keras4j-io's SerializationLib.registerSerializable does this) is saved with
     * that registered_name, so Keras with the same registration loads it.
     */
    @Test
    void registeredCellKeepsItsRegisteredName() {
        LayerProvider.register("my_package>MinimalRNNCell", MinimalRNNCell::fromConfig);
        Map<?, ?> cell = (Map<?, ?>) new RNN(new MinimalRNNCell(2)).getConfig().get("cell");
        assertEquals("my_package>MinimalRNNCell", cell.get("registered_name"));
        Map<?, ?> builtIn = (Map<?, ?>) new RNN(new LSTMCell(2)).getConfig().get("cell");
        assertEquals(null, builtIn.get("registered_name"));
        assertEquals("keras.layers", builtIn.get("module"));
    }

    @Test
    void stackedBuiltInCellsRefuseDropoutInTraining() {
        RNN rnn = new RNN(List.of(new LSTMCell(3).recurrentDropout(0.2), new LSTMCell(2)));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 2);
        rnn.applyAll(false, x);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> rnn.applyAll(true, x));
        assertTrue(e.getMessage().contains("recurrent_dropout"), e.getMessage());
    }

    /** The docstring's use: a custom cell in a model trained with fit. */
    @Test
    void trainsInAModel() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 64, 6, 3).subi(0.5);
        INDArray y = x.sum(1, 2).reshape(64, 1);
        Sequential model = new Sequential(new RNN(new MinimalRNNCell(8)).inputShape(6, 3), new Dense(1));
        model.compile(new Adam(0.02), "mse");
        double before = model.evaluate(x, y)[0];
        model.fit(x, y, new FitOptions().epochs(20).batchSize(16).verbose(0));
        double after = model.evaluate(x, y)[0];
        assertTrue(after < 0.5 * before, "loss " + before + " -> " + after);
    }

    @Test
    void errorsNameTheCell() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RNN(new Dense(3)));
        assertTrue(e.getMessage().contains("RecurrentCell") && e.getMessage().contains("Dense"), e.getMessage());
        KerasTensor x = Input.of(2);
        Model notACell = new Model(x, new Dense(3).apply(x));
        assertThrows(IllegalArgumentException.class, () -> new RNN(notACell));
        assertThrows(IllegalArgumentException.class, () -> new RNN(List.of()));
        RNN wrongState = new RNN(new MinimalRNNCell(3) {
            @Override
            public long[] stateSize() {
                return new long[]{3, 3};
            }
        });
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> wrongState.applyAll(false, Nd4j.rand(DataType.DOUBLE, 2, 4, 2)));
        assertTrue(e2.getMessage().contains("2 new state(s)"), e2.getMessage());
    }
}
