package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Variable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused LSTM path (float32: per-step GEMMs and host loops) against the generic step loop of a float64 twin with the
 * same weights (the generic loop is gradient-checked in float64 elsewhere): same outputs, states and all gradients, with
 * and without masks (including rows masked from the first step, both zero_output_for_mask settings); with 512 units
 * the per-step GEMMs go through ND4J's Mmul instead of CBLAS.
 */
class FusedLstmTest {
    private static final long STEPS = 6;
    private static final long FEATURES = 4;

    private record Pass(INDArray[] outputs, INDArray[] inputGradients, List<INDArray> weightGradients) {
    }

    private static Pass run(LSTM layer, DataType dtype, INDArray x, INDArray h0, INDArray c0, INDArray mask, INDArray[] r) {
        CallContext ctx = new CallContext();
        ctx.begin(true, new boolean[]{true, true, true});
        ctx.setInputMasks(mask, null, null);
        INDArray[] out = layer.call(new INDArray[]{x.castTo(dtype), h0.castTo(dtype), c0.castTo(dtype)}, ctx);
        INDArray[] outCopy = new INDArray[out.length];
        for (int i = 0; i < out.length; i++) {
            outCopy[i] = out[i].castTo(DataType.DOUBLE);
        }
        for (Variable v : layer.trainableWeights()) {
            v.resetGradient();
        }
        INDArray[] rs = new INDArray[r.length];
        for (int i = 0; i < r.length; i++) {
            rs[i] = r[i].castTo(dtype);
        }
        INDArray[] grads = layer.backward(rs, ctx);
        INDArray[] gradCopy = new INDArray[grads.length];
        for (int i = 0; i < grads.length; i++) {
            gradCopy[i] = grads[i] == null ? null : grads[i].castTo(DataType.DOUBLE);
        }
        List<INDArray> weightGrads = new ArrayList<>();
        for (Variable v : layer.trainableWeights()) {
            weightGrads.add(v.gradient().castTo(DataType.DOUBLE));
        }
        return new Pass(outCopy, gradCopy, weightGrads);
    }

    private static LSTM layer(int units, boolean returnSequences, boolean goBackwards, boolean useBias, boolean zeroOutput, String dtype) {
        LSTM layer = new LSTM(units).returnSequences(returnSequences).returnState(true).goBackwards(goBackwards).useBias(useBias)
                .zeroOutputForMask(zeroOutput).dtype(dtype);
        layer.ensureBuilt(List.of(new long[]{-1, STEPS, FEATURES}, new long[]{-1, units}, new long[]{-1, units}));
        return layer;
    }

    @ParameterizedTest
    @CsvSource({"3,5,false,false,true,none", "3,5,true,false,true,none", "3,5,true,true,true,none", "3,5,false,true,false,none",
        "40,5,true,false,true,none", "40,5,false,true,true,none", "40,512,true,false,true,none",
        "3,5,true,false,true,zeros", "3,5,true,true,true,previous", "3,5,false,false,true,previous", "40,5,true,false,false,zeros",
        "40,5,false,true,true,previous"})
    void matchesTheGenericLoop(long batch, int units, boolean returnSequences, boolean goBackwards, boolean useBias, String masking) {
        boolean masked = !masking.equals("none");
        boolean zeroOutput = masking.equals("zeros");
        LSTM fast = layer(units, returnSequences, goBackwards, useBias, zeroOutput, "float32");
        LSTM reference = layer(units, returnSequences, goBackwards, useBias, zeroOutput, "float64");
        if (useBias) {
            fast.trainableWeights().get(2).value().assign(Nd4j.rand(DataType.FLOAT, 4 * units).subi(0.5));
        }
        for (int i = 0; i < fast.trainableWeights().size(); i++) {
            reference.trainableWeights().get(i).value().assign(fast.trainableWeights().get(i).value());
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, STEPS, FEATURES).subi(0.5).muli(2);
        INDArray h0 = Nd4j.rand(DataType.FLOAT, batch, units).subi(0.5);
        INDArray c0 = Nd4j.rand(DataType.FLOAT, batch, units).subi(0.5);
        INDArray mask = null;
        if (masked) {
            mask = Nd4j.rand(DataType.FLOAT, batch, STEPS).gt(0.4).castTo(DataType.FLOAT);
            mask.getRow(0).assign(Nd4j.createFromArray(0f, 0f, 1f, 0f, 1f, 1f));
            mask.getRow(1).assign(0);
        }
        INDArray[] shapes = new INDArray[]{Nd4j.zeros(DataType.FLOAT, returnSequences ? new long[]{batch, STEPS, units} : new long[]{batch, units}),
            Nd4j.zeros(DataType.FLOAT, batch, units), Nd4j.zeros(DataType.FLOAT, batch, units)};
        INDArray[] r = new INDArray[shapes.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Nd4j.rand(DataType.FLOAT, shapes[i].shape()).subi(0.5);
        }
        Pass fused = run(fast, DataType.FLOAT, x, h0, c0, mask, r);
        Pass generic = run(reference, DataType.DOUBLE, x, h0, c0, mask, r);
        for (int i = 0; i < fused.outputs().length; i++) {
            assertClose("output " + i, generic.outputs()[i], fused.outputs()[i]);
        }
        for (int i = 0; i < fused.inputGradients().length; i++) {
            assertClose("input gradient " + i, generic.inputGradients()[i], fused.inputGradients()[i]);
        }
        for (int i = 0; i < fused.weightGradients().size(); i++) {
            assertClose(fast.trainableWeights().get(i).name() + " gradient", generic.weightGradients().get(i),
                    fused.weightGradients().get(i));
        }
    }

    private static void assertClose(String what, INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        double scale = Math.max(1.0, expected.amaxNumber().doubleValue());
        assertTrue(diff <= 2e-5 * scale, what + ": max difference " + diff + " (scale " + scale + ")");
    }
}
