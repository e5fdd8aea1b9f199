package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forward values of the recurrent layers against real Keras 3 (rnn_goldens.txt, see src/test/python/rnn_goldens.py). */
class RecurrentGoldenTest {
    record Case(String name, Supplier<Layer> layer) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("lstm", () -> new LSTM(4).returnSequences(true).returnState(true)),
                new Case("lstm_backwards", () -> new LSTM(4).returnSequences(true).goBackwards(true)),
                new Case("lstm_mask", () -> new LSTM(4).returnSequences(true).returnState(true)),
                new Case("lstm_mask_zero", () -> new LSTM(4).returnSequences(true).zeroOutputForMask(true)),
                new Case("lstm_initial", () -> new LSTM(4).returnSequences(true).returnState(true)),
                new Case("gru", () -> new GRU(4).returnSequences(true).returnState(true)),
                new Case("gru_before", () -> new GRU(4).returnSequences(true).resetAfter(false)),
                new Case("gru_mask_backwards", () -> new GRU(4).returnSequences(true).goBackwards(true)),
                new Case("simple_rnn", () -> new SimpleRNN(4).returnSequences(true).returnState(true)),
                new Case("simple_rnn_mask", () -> new SimpleRNN(4).returnState(true)),
                new Case("lstm_relu", () -> new LSTM(4).activation("relu").returnSequences(true)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesKeras(Case c) {
        Layer layer = c.layer().get().dtype("float64");
        ((BaseRNNCell<?>) ((BaseRNN<?>) layer).cell()).recurrentInitializer("glorot_uniform");
        String p = c.name() + "/";
        INDArray x = RnnGoldens.get(p + "x");
        List<INDArray> inputs = new ArrayList<>(List.of(x));
        for (int k = 0; RnnGoldens.has(p + "s" + k); k++) {
            inputs.add(RnnGoldens.get(p + "s" + k));
        }
        List<long[]> shapes = new ArrayList<>();
        for (INDArray a : inputs) {
            long[] s = a.shape().clone();
            s[0] = -1;
            shapes.add(s);
        }
        layer.ensureBuilt(shapes);
        List<Variable> weights = layer.weights();
        for (int i = 0; i < weights.size(); i++) {
            weights.get(i).assign(RnnGoldens.get(p + "w" + i));
        }
        CallContext ctx = new CallContext();
        ctx.begin(false, new boolean[inputs.size()]);
        if (RnnGoldens.has(p + "mask")) {
            ctx.setInputMasks(RnnGoldens.get(p + "mask"));
        }
        INDArray[] out = layer.call(inputs.toArray(new INDArray[0]), ctx);
        int expected = 0;
        while (RnnGoldens.has(p + "y" + expected)) {
            expected++;
        }
        assertEquals(expected, out.length, "number of outputs");
        for (int o = 0; o < out.length; o++) {
            INDArray want = RnnGoldens.get(p + "y" + o);
            assertArrayEquals(want.shape(), out[o].shape(), "output " + o + " shape");
            double err = out[o].sub(want).amaxNumber().doubleValue();
            assertTrue(err < 1e-5, c.name() + " output " + o + " differs from Keras by " + err + "\n" + out[o] + "\nvs\n" + want);
        }
    }
}
