package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.engine.Variable;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dropout and recurrent_dropout in training, as keras/src/layers/rnn/dropout_rnn_cell.py and the cells'
 * {@code implementation == 1} path: masks against real Keras with known masks, gradients with a fixed (seeded)
 * mask, the statistics of the masks, inference, and the config.
 */
class RecurrentDropoutTest {
    record Case(String name, Supplier<Layer> layer, int masks) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> layers() {
        return Stream.of(
                new Case("lstm", () -> new LSTM(3).recurrentInitializer("glorot_uniform").returnSequences(true), 4),
                new Case("gru", () -> new GRU(3).recurrentInitializer("glorot_uniform").returnState(true), 3),
                new Case("gru reset_before", () -> new GRU(3).recurrentInitializer("glorot_uniform").resetAfter(false).returnSequences(true), 3),
                new Case("simple_rnn", () -> new SimpleRNN(3).recurrentInitializer("glorot_uniform").returnSequences(true), 1),
                new Case("lstm backwards", () -> new LSTM(3).recurrentInitializer("glorot_uniform").goBackwards(true).returnState(true), 4));
    }

    private static BaseCellRNN<?, ?> withDropout(Layer layer, double dropout, double recurrentDropout) {
        return ((BaseCellRNN<?, ?>) layer).dropout(dropout).recurrentDropout(recurrentDropout).seed(5);
    }

    /** With a seed every fresh call draws the same masks, so the finite differences see a fixed mask. */
    @ParameterizedTest
    @MethodSource("layers")
    void gradientsWithAFixedMaskMatchFiniteDifferences(Case c) {
        LayerTestHarness.of(() -> withDropout(c.layer().get(), 0.3, 0.4), 2, 3, 2).gradientCheckInTrainingMode().run();
        LayerTestHarness.of(() -> withDropout(c.layer().get(), 0.0, 0.4), 2, 3, 2).gradientCheckInTrainingMode().run();
    }

    @ParameterizedTest
    @MethodSource("layers")
    void trainingUsesTheMasksAndInferenceIgnoresThem(Case c) {
        Layer plain = c.layer().get().dtype("float64");
        Layer dropped = withDropout(c.layer().get(), 0.3, 0.4).dtype("float64");
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 5, 2).subi(0.5);
        plain.ensureBuilt(List.of(new long[]{-1, 5, 2}));
        dropped.ensureBuilt(List.of(new long[]{-1, 5, 2}));
        for (int i = 0; i < plain.weights().size(); i++) {
            dropped.weights().get(i).assign(plain.weights().get(i).value());
        }
        INDArray inference = call(dropped, false, x)[0];
        assertEquals(call(plain, false, x)[0], inference, "inference ignores dropout and recurrent_dropout");
        assertFalse(inference.equalsWithEps(call(dropped, true, x)[0], 1e-6), "training applies the masks");
        Layer recurrentOnly = withDropout(c.layer().get(), 0.0, 0.4).dtype("float64");
        recurrentOnly.ensureBuilt(List.of(new long[]{-1, 5, 2}));
        for (int i = 0; i < plain.weights().size(); i++) {
            recurrentOnly.weights().get(i).assign(plain.weights().get(i).value());
        }
        assertFalse(inference.equalsWithEps(call(recurrentOnly, true, x)[0], 1e-6), "training applies the recurrent masks alone");
    }

    private static INDArray[] call(Layer layer, boolean training, INDArray... inputs) {
        CallContext ctx = new CallContext();
        ctx.begin(training, new boolean[inputs.length]);
        return layer.call(inputs, ctx);
    }

    /** Records the masks a cell draws (through its real generator). */
    static final class Recorder {
        final List<INDArray> drawn = new ArrayList<>();

        void record(INDArray masks) {
            drawn.add(masks.dup());
        }
    }

    static Stream<Arguments> cellsForStatistics() {
        return Stream.of(
                new Arguments("lstm", r -> new LSTMCell(200) {
                    @Override
                    void fillDropoutMasks(INDArray masks, double rate, Random rng) {
                        super.fillDropoutMasks(masks, rate, rng);
                        r.record(masks);
                    }
                }, 4),
                new Arguments("gru", r -> new GRUCell(200) {
                    @Override
                    void fillDropoutMasks(INDArray masks, double rate, Random rng) {
                        super.fillDropoutMasks(masks, rate, rng);
                        r.record(masks);
                    }
                }, 3),
                new Arguments("simple_rnn", r -> new SimpleRNNCell(200) {
                    @Override
                    void fillDropoutMasks(INDArray masks, double rate, Random rng) {
                        super.fillDropoutMasks(masks, rate, rng);
                        r.record(masks);
                    }
                }, 1));
    }

    record Arguments(String name, Function<Recorder, BaseRNNCell<?>> cell, int count) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * One input and one recurrent draw per call (reused at every step), {@code count} masks each (one per gate with
     * recurrent_dropout), every entry 0 or {@code 1 / (1 - rate)}, the kept fraction {@code 1 - rate}, the gates'
     * masks different, a new draw on the next call.
     */
    @ParameterizedTest
    @MethodSource("cellsForStatistics")
    void masksHaveKerasStatistics(Arguments a) {
        Recorder recorder = new Recorder();
        BaseRNNCell<?> cell = a.cell().apply(recorder).dropout(0.2).recurrentDropout(0.35).seed(3).name("cell");
        RNN layer = new RNN(cell);
        INDArray x = Nd4j.rand(DataType.FLOAT, 100, 4, 50);
        CallContext ctx = new CallContext();
        layer.ensureBuilt(List.of(new long[]{-1, 4, 50}));
        ctx.begin(true, new boolean[1]);
        layer.call(new INDArray[]{x}, ctx);
        assertEquals(2, recorder.drawn.size(), "one input and one recurrent draw per call");
        assertArrayEquals(new long[]{a.count(), 100, 50}, recorder.drawn.get(0).shape(), "input masks (count, batch, input_dim)");
        assertArrayEquals(new long[]{a.count(), 100, 200}, recorder.drawn.get(1).shape(), "recurrent masks (count, batch, units)");
        checkMask(recorder.drawn.get(0), 0.2);
        checkMask(recorder.drawn.get(1), 0.35);
        if (a.count() > 1) {
            INDArray m = recorder.drawn.get(1);
            assertFalse(m.slice(0).equals(m.slice(1)), "each gate draws its own mask");
        }
        ctx.begin(true, new boolean[1]);
        layer.call(new INDArray[]{x}, ctx);
        assertEquals(4, recorder.drawn.size());
        assertFalse(recorder.drawn.get(1).equals(recorder.drawn.get(3)), "the next call draws new masks");
        ctx.begin(false, new boolean[1]);
        layer.call(new INDArray[]{x}, ctx);
        assertEquals(4, recorder.drawn.size(), "inference draws no mask");
    }

    private static void checkMask(INDArray mask, double rate) {
        double scale = 1.0 / (1.0 - rate);
        long kept = mask.gt(0).castTo(DataType.INT).sumNumber().longValue();
        assertEquals(kept * scale, mask.sumNumber().doubleValue(), 1e-2 * kept, "kept entries are 1 / (1 - rate)");
        assertEquals(kept * scale * scale, mask.mul(mask).sumNumber().doubleValue(), 1e-2 * kept, "entries are 0 or 1 / (1 - rate)");
        // 20000+ Bernoulli draws: the kept fraction is within 4 standard deviations of 1 - rate
        double fraction = kept / (double) mask.length();
        double sd = Math.sqrt(rate * (1 - rate) / mask.length());
        assertEquals(1 - rate, fraction, 4 * sd, "fraction kept");
    }

    static Stream<String> goldenCases() {
        return Stream.of("lstm", "gru", "gru_before", "simple_rnn");
    }

    private static BaseRNNCell<?> fixedMaskCell(String name, Deque<INDArray> masks) {
        BaseRNNCell<?> cell = switch (name) {
            case "lstm" -> new LSTMCell(4) {
                @Override
                void fillDropoutMasks(INDArray m, double rate, Random rng) {
                    m.assign(masks.removeFirst());
                }
            };
            case "simple_rnn" -> new SimpleRNNCell(4) {
                @Override
                void fillDropoutMasks(INDArray m, double rate, Random rng) {
                    m.assign(masks.removeFirst());
                }
            };
            default -> new GRUCell(4) {
                @Override
                void fillDropoutMasks(INDArray m, double rate, Random rng) {
                    m.assign(masks.removeFirst());
                }
            }.resetAfter(!name.equals("gru_before"));
        };
        return cell.dropout(0.25).recurrentDropout(0.4).name("cell").dtype("float64");
    }

    /** RNN(cell) over 3 steps in training with Keras's cached masks set by hand (rnn_dropout_goldens.py). */
    @ParameterizedTest
    @MethodSource("goldenCases")
    void matchesKerasWithKnownMasks(String name) {
        String file = "rnn_dropout_goldens.txt";
        String p = name + "/";
        Deque<INDArray> masks = new ArrayDeque<>(List.of(RnnGoldens.get(file, p + "din"), RnnGoldens.get(file, p + "drec")));
        RNN layer = new RNN(fixedMaskCell(name, masks)).returnSequences(true).returnState(true).dtype("float64");
        INDArray x = RnnGoldens.get(file, p + "x");
        layer.ensureBuilt(List.of(new long[]{-1, x.size(1), x.size(2)}));
        List<Variable> weights = layer.weights();
        for (int i = 0; i < weights.size(); i++) {
            weights.get(i).assign(RnnGoldens.get(file, p + "w" + i));
        }
        INDArray[] out = call(layer, true, x);
        assertTrue(masks.isEmpty(), "the input and the recurrent masks were drawn");
        for (int o = 0; o < out.length; o++) {
            INDArray want = RnnGoldens.get(file, p + "y" + o);
            double err = out[o].sub(want).amaxNumber().doubleValue();
            assertTrue(err < 1e-10, name + " output " + o + " differs from Keras by " + err + "\n" + out[o] + "\nvs\n" + want);
        }
        assertFalse(call(layer, false, x)[0].equalsWithEps(out[0], 1e-3), "the masks change the outputs");
    }

    @Test
    void layerAndCellSettersKeepDropoutInTheConfig() {
        LSTM lstm = new LSTM(3).dropout(0.1).recurrentDropout(0.2).seed(9);
        Map<String, Object> config = lstm.getConfig();
        assertEquals(0.1, config.get("dropout"));
        assertEquals(0.2, config.get("recurrent_dropout"));
        assertEquals(9L, ((Number) config.get("seed")).longValue());
        LSTM copy = (LSTM) LayerProvider.fromConfig("LSTM", config);
        assertEquals(0.2, copy.cell().recurrentDropout);
        assertEquals(0.1, copy.cell().dropout);
        RNN rnn = new RNN(new GRUCell(3).dropout(0.3).recurrentDropout(0.4).seed(2));
        RNN rnnCopy = (RNN) LayerProvider.fromConfig("RNN", rnn.getConfig());
        assertEquals(0.4, ((BaseRNNCell<?>) rnnCopy.cell()).recurrentDropout);
        assertEquals(0.3, ((BaseRNNCell<?>) rnnCopy.cell()).dropout);
        assertEquals(2L, ((BaseRNNCell<?>) rnnCopy.cell()).seed);
    }
}
