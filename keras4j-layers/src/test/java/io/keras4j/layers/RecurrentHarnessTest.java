package io.keras4j.layers;

import io.keras4j.engine.Layer;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Supplier;
import java.util.stream.Stream;

/** Every recurrent layer and cell through the shared harness (float64 gradient checks, config round trip, training step). */
class RecurrentHarnessTest {
    record Case(String name, Supplier<Layer> layer, long params, int outputs) {
        @Override
        public String toString() {
            return name;
        }
    }

    // input (batch 2, timesteps 3, features 2), 3 units: small enough for the finite differences
    private static final long LSTM_PARAMS = 2 * 12 + 3 * 12 + 12;
    private static final long GRU_PARAMS = 2 * 9 + 3 * 9 + 2 * 9;
    private static final long SIMPLE_PARAMS = 2 * 3 + 3 * 3 + 3;

    static Stream<Case> layers() {
        return Stream.of(
                new Case("lstm", () -> new LSTM(3).recurrentInitializer("glorot_uniform"), LSTM_PARAMS, 1),
                new Case("lstm sequences state backwards", () -> new LSTM(3).recurrentInitializer("glorot_uniform")
                        .returnSequences(true).returnState(true).goBackwards(true), LSTM_PARAMS, 3),
                new Case("lstm relu no bias", () -> new LSTM(3).recurrentInitializer("glorot_uniform").activation("relu").useBias(false),
                        LSTM_PARAMS - 12, 1),
                new Case("gru", () -> new GRU(3).recurrentInitializer("glorot_uniform").returnSequences(true), GRU_PARAMS, 1),
                new Case("gru state", () -> new GRU(3).recurrentInitializer("glorot_uniform").returnState(true).goBackwards(true), GRU_PARAMS, 2),
                new Case("gru reset_before", () -> new GRU(3).recurrentInitializer("glorot_uniform").resetAfter(false).returnSequences(true),
                        GRU_PARAMS - 9, 1),
                new Case("simple_rnn", () -> new SimpleRNN(3).recurrentInitializer("glorot_uniform").returnSequences(true), SIMPLE_PARAMS, 1),
                new Case("simple_rnn state", () -> new SimpleRNN(3).recurrentInitializer("glorot_uniform").returnState(true), SIMPLE_PARAMS, 2),
                new Case("rnn(lstm_cell)", () -> new RNN(new LSTMCell(3).recurrentInitializer("glorot_uniform")).returnSequences(true),
                        LSTM_PARAMS, 1),
                new Case("rnn(gru_cell)", () -> new RNN(new GRUCell(3).recurrentInitializer("glorot_uniform")).returnState(true),
                        GRU_PARAMS, 2));
    }

    @ParameterizedTest
    @MethodSource("layers")
    void harness(Case c) {
        LayerTestHarness.of(c.layer(), 2, 3, 2).expectedParams(c.params()).run();
    }

    static Stream<Case> cells() {
        return Stream.of(
                new Case("lstm_cell", () -> new LSTMCell(3).recurrentInitializer("glorot_uniform"), LSTM_PARAMS, 3),
                new Case("gru_cell", () -> new GRUCell(3).recurrentInitializer("glorot_uniform"), GRU_PARAMS, 2),
                new Case("gru_cell reset_before", () -> new GRUCell(3).recurrentInitializer("glorot_uniform").resetAfter(false),
                        GRU_PARAMS - 9, 2),
                new Case("simple_rnn_cell", () -> new SimpleRNNCell(3).recurrentInitializer("glorot_uniform"), SIMPLE_PARAMS, 2));
    }

    /** A cell called directly is one step: inputs [x, states...], outputs [output, new states...]. */
    @ParameterizedTest
    @MethodSource("cells")
    void cellHarness(Case c) {
        LayerTestHarness h = LayerTestHarness.of(c.layer(), 2, 2);
        for (int k = 1; k < c.outputs(); k++) {
            h.input(2, 3);
        }
        h.expectedParams(c.params()).run();
    }
}
