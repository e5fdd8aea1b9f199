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
 * The fused LSTM path (unmasked float32: per-step GEMMs and host loops) against the generic step loop,
 * which is gradient-checked in float64 elsewhere: an all-ones mask takes the generic path and must give the same
 * outputs, states and gradients. A batch of 40 runs as two row blocks on two threads (with 512 units their per-step
 * GEMMs go through ND4J's Mmul, concurrently).
 */
class FusedLstmTest {
    private static final long STEPS = 6;
    private static final long FEATURES = 4;

    private record Pass(INDArray[] outputs, INDArray[] inputGradients, List<INDArray> weightGradients) {
    }

    private static Pass run(LSTM layer, INDArray x, INDArray h0, INDArray c0, INDArray mask, INDArray[] r) {
        CallContext ctx = new CallContext();
        ctx.begin(true, new boolean[]{true, true, true});
        ctx.setInputMasks(mask, null, null);
        INDArray[] out = layer.call(new INDArray[]{x.dup(), h0.dup(), c0.dup()}, ctx);
        INDArray[] outCopy = new INDArray[out.length];
        for (int i = 0; i < out.length; i++) {
            outCopy[i] = out[i].dup();
        }
        for (Variable v : layer.trainableWeights()) {
            v.resetGradient();
        }
        INDArray[] grads = layer.backward(r, ctx);
        INDArray[] gradCopy = new INDArray[grads.length];
        for (int i = 0; i < grads.length; i++) {
            gradCopy[i] = grads[i] == null ? null : grads[i].dup();
        }
        List<INDArray> weightGrads = new ArrayList<>();
        for (Variable v : layer.trainableWeights()) {
            weightGrads.add(v.gradient().dup());
        }
        return new Pass(outCopy, gradCopy, weightGrads);
    }

    @ParameterizedTest
    @CsvSource({"3,5,false,false,true", "3,5,true,false,true", "3,5,true,true,true", "3,5,false,true,false", "40,5,true,false,true",
        "40,5,false,true,true", "40,512,true,false,true"})
    void matchesTheGenericLoop(long batch, int units, boolean returnSequences, boolean goBackwards, boolean useBias) {
        LSTM layer = new LSTM(units).returnSequences(returnSequences).returnState(true).goBackwards(goBackwards).useBias(useBias);
        layer.ensureBuilt(List.of(new long[]{-1, STEPS, FEATURES}, new long[]{-1, units}, new long[]{-1, units}));
        if (useBias) {
            layer.trainableWeights().get(2).value().assign(Nd4j.rand(DataType.FLOAT, 4 * units).subi(0.5));
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, STEPS, FEATURES).subi(0.5).muli(2);
        INDArray h0 = Nd4j.rand(DataType.FLOAT, batch, units).subi(0.5);
        INDArray c0 = Nd4j.rand(DataType.FLOAT, batch, units).subi(0.5);
        INDArray ones = Nd4j.ones(DataType.FLOAT, batch, STEPS);
        INDArray[] shapes = new INDArray[]{Nd4j.zeros(DataType.FLOAT, returnSequences ? new long[]{batch, STEPS, units} : new long[]{batch, units}),
            Nd4j.zeros(DataType.FLOAT, batch, units), Nd4j.zeros(DataType.FLOAT, batch, units)};
        INDArray[] r = new INDArray[shapes.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Nd4j.rand(DataType.FLOAT, shapes[i].shape()).subi(0.5);
        }
        int threads = io.keras4j.backend.Threads.intraOpThreads();
        io.keras4j.backend.Threads.setIntraOpThreads(2);
        Pass fused;
        try {
            fused = run(layer, x, h0, c0, null, r);
        } finally {
            io.keras4j.backend.Threads.setIntraOpThreads(threads);
        }
        Pass generic = run(layer, x, h0, c0, ones, r);
        for (int i = 0; i < fused.outputs().length; i++) {
            assertClose("output " + i, generic.outputs()[i], fused.outputs()[i]);
        }
        for (int i = 0; i < fused.inputGradients().length; i++) {
            assertClose("input gradient " + i, generic.inputGradients()[i], fused.inputGradients()[i]);
        }
        for (int i = 0; i < fused.weightGradients().size(); i++) {
            assertClose(layer.trainableWeights().get(i).name() + " gradient", generic.weightGradients().get(i),
                    fused.weightGradients().get(i));
        }
    }

    private static void assertClose(String what, INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        double scale = Math.max(1.0, expected.amaxNumber().doubleValue());
        assertTrue(diff <= 2e-6 * scale, what + ": max difference " + diff + " (scale " + scale + ")");
    }
}
