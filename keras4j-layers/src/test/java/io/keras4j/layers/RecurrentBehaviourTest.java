package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.engine.Variable;
import io.keras4j.testing.GradientCheck;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Masks, initial and stateful states, legacy configs and errors of the recurrent layers. */
class RecurrentBehaviourTest {
    @Test
    void initialStatesGetGradients() {
        LayerTestHarness.of(() -> new LSTM(3).recurrentInitializer("glorot_uniform").returnSequences(true), 2, 3, 2)
                .input(2, 3).input(2, 3).run();
    }

    private static double objective(Layer layer, INDArray x, INDArray mask, INDArray[] r) {
        CallContext ctx = new CallContext();
        ctx.begin(false, new boolean[]{true});
        ctx.setInputMasks(mask);
        INDArray[] out = layer.call(new INDArray[]{x.dup()}, ctx);
        double sum = 0;
        for (int o = 0; o < out.length; o++) {
            sum += out[o].mul(r[o]).sumNumber().doubleValue();
        }
        return sum;
    }

    /** Gradients through masked steps (carried states and outputs), checked by finite differences. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void maskedGradientsMatchFiniteDifferences(boolean zeroOutput) {
        Layer layer = new GRU(3).recurrentInitializer("glorot_uniform").returnSequences(true).returnState(true)
                .zeroOutputForMask(zeroOutput).dtype("float64");
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 2).subi(0.5);
        INDArray mask = Nd4j.createFromArray(new double[][]{{0, 1, 0, 1}, {1, 1, 0, 0}});
        layer.ensureBuilt(List.of(new long[]{-1, 4, 2}));
        CallContext ctx = new CallContext();
        ctx.begin(false, new boolean[]{true});
        ctx.setInputMasks(mask);
        INDArray[] out = layer.call(new INDArray[]{x.dup()}, ctx);
        INDArray[] r = new INDArray[out.length];
        for (int o = 0; o < out.length; o++) {
            r[o] = Nd4j.rand(DataType.DOUBLE, out[o].shape()).subi(0.5);
        }
        for (Variable v : layer.trainableWeights()) {
            v.resetGradient();
        }
        INDArray dx = layer.backward(r, ctx)[0].dup();
        GradientCheck.check("masked input", xi -> objective(layer, xi, mask, r), x.dup(), dx);
        for (Variable v : layer.trainableWeights()) {
            INDArray analytic = v.gradient().dup();
            GradientCheck.check("masked " + v.name(), w -> {
                v.value().assign(w);
                return objective(layer, x, mask, r);
            }, v.value().dup(), analytic);
        }
        // the outputs of masked steps: the previous output, or zeros with zero_output_for_mask
        INDArray seq = out[0];
        INDArray step2 = seq.get(NDArrayIndex.point(0), NDArrayIndex.point(2), NDArrayIndex.all());
        INDArray step1 = seq.get(NDArrayIndex.point(0), NDArrayIndex.point(1), NDArrayIndex.all());
        assertEquals(zeroOutput ? Nd4j.zeros(DataType.DOUBLE, 3) : step1, step2);
        assertEquals(out[1].getRow(1), seq.get(NDArrayIndex.point(1), NDArrayIndex.point(1), NDArrayIndex.all()), "state kept from the last unmasked step");
    }

    @Test
    void statefulLayerContinuesFromTheLastStates() {
        LSTM whole = new LSTM(3).recurrentInitializer("glorot_uniform").dtype("float64");
        LSTM halves = new LSTM(3).recurrentInitializer("glorot_uniform").stateful(true).dtype("float64");
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 6, 2);
        INDArray expected = whole.applyAll(false, x)[0];
        halves.ensureBuilt(List.of(new long[]{2, 6, 2}));
        for (int i = 0; i < whole.weights().size(); i++) {
            halves.weights().get(i).assign(whole.weights().get(i).value());
        }
        halves.applyAll(false, x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all()).dup());
        INDArray second = halves.applyAll(false, x.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 6), NDArrayIndex.all()).dup())[0];
        assertTrue(expected.equalsWithEps(second, 1e-12), expected + " vs " + second);
        halves.resetStates();
        assertEquals(null, halves.states());
    }

    @Test
    void unitForgetBiasStartsTheForgetGateAtOne() {
        LSTM lstm = new LSTM(2).recurrentInitializer("glorot_uniform");
        lstm.ensureBuilt(List.of(new long[]{-1, 3, 4}));
        assertArrayEquals(new long[]{4, 8}, lstm.weights().get(0).value().shape());
        assertArrayEquals(new long[]{2, 8}, lstm.weights().get(1).value().shape());
        assertArrayEquals(new double[]{0, 0, 1, 1, 0, 0, 0, 0}, lstm.weights().get(2).value().toDoubleVector(), 0);
    }

    @Test
    void gruResetAfterBiasHasTwoRows() {
        GRU gru = new GRU(2).recurrentInitializer("glorot_uniform");
        gru.ensureBuilt(List.of(new long[]{-1, 3, 4}));
        assertArrayEquals(new long[]{2, 6}, gru.weights().get(2).value().shape());
    }

    @Test
    void legacyHardSigmoidIsThePiecewiseLinearOne() {
        INDArray x = Nd4j.createFromArray(-3.0, -1.0, 0.0, 1.0, 3.0);
        assertArrayEquals(new double[]{0, 0.3, 0.5, 0.7, 1}, new LegacyHardSigmoid().apply(x).toDoubleVector(), 1e-12);
        INDArray dx = x.ulike();
        new LegacyHardSigmoid().gradient(x, null, Nd4j.ones(DataType.DOUBLE, 5), dx);
        assertArrayEquals(new double[]{0, 0.2, 0.2, 0.2, 0}, dx.toDoubleVector(), 1e-12);
    }

    @Test
    void keras2ConfigKeepsItsHardSigmoid() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", "lstm_1");
        config.put("units", 5);
        config.put("recurrent_activation", "hard_sigmoid");
        config.put("implementation", 1);
        config.put("return_sequences", true);
        config.put("recurrent_initializer", "glorot_uniform");
        LSTM lstm = (LSTM) LayerProvider.fromConfig("LSTM", config);
        assertEquals("hard_sigmoid", lstm.getConfig().get("recurrent_activation"));
        assertTrue(lstm.cell.getClass() == LSTMCell.class);
        assertTrue(lstm.returnSequences());
    }

    @Test
    void keras1ConfigIsRenamed() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", "lstm_1");
        config.put("output_dim", 50);
        config.put("inner_activation", "hard_sigmoid");
        config.put("init", "glorot_uniform");
        config.put("inner_init", "glorot_uniform");
        config.put("forget_bias_init", "one");
        config.put("dropout_W", 0.2);
        config.put("dropout_U", 0.0);
        config.put("consume_less", "cpu");
        config.put("input_dtype", "float32");
        config.put("batch_input_shape", java.util.Arrays.asList(null, 1, 1));
        LSTM lstm = (LSTM) LayerProvider.fromConfig("LSTM", config);
        Map<String, Object> out = lstm.getConfig();
        assertEquals(50, out.get("units"));
        assertEquals(0.2, out.get("dropout"));
        assertEquals(true, out.get("unit_forget_bias"));
    }

    @Test
    void unknownKeysAndBadInputsAreNamed() {
        Map<String, Object> config = new LinkedHashMap<>(Map.of("units", 3, "bogus", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerProvider.fromConfig("GRU", config));
        assertTrue(e.getMessage().contains("bogus"), e.getMessage());
        LSTM lstm = new LSTM(3).name("lstm_x");
        e = assertThrows(IllegalArgumentException.class, () -> lstm.apply(Input.of(5)));
        assertTrue(e.getMessage().contains("lstm_x") && e.getMessage().contains("timesteps"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SimpleRNN(0));
        assertTrue(e.getMessage().contains("units"), e.getMessage());
    }
}
