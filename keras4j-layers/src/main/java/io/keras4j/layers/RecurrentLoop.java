package io.keras4j.layers;

import io.keras4j.backend.Blas;
import io.keras4j.engine.CallContext;
import io.keras4j.utils.RandomState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The time loop of the recurrent layers, as keras/src/backend/tensorflow/rnn.py {@code rnn}: runs a
 * {@link BaseRNNCell} over {@code (batch, timesteps, features)} inputs in step order (reversed with
 * {@code go_backwards}), and back through time.
 *
 * <p>With a mask {@code (batch, timesteps)}, a masked step keeps the previous states
 * ({@code state = where(mask, new_state, state)}) and outputs the previous output (zeros with
 * {@code zero_output_for_mask}; the output before the first unmasked step is zeros), exactly as Keras.
 * Outputs are returned in step order, as Keras does for {@code go_backwards}.
 */
final class RecurrentLoop {
    private RecurrentLoop() {
    }

    /** What the backward pass needs from one forward call. */
    private static final class Run {
        StepBuffers b;
        boolean masked;
        boolean goBackwards;
        boolean returnSequences;
        boolean zeroOutputForMask;
        boolean fused;
        FusedLstm.Mask fusedMask;
    }

    /**
     * @param x       {@code (batch, timesteps, features)}
     * @param initial initial states, an entry may be null (zeros)
     * @param mask    {@code (batch, timesteps)} or null
     * @return {@code [output, final states...]}: output {@code (batch, timesteps, units)} with
     * {@code returnSequences}, else {@code (batch, units)}
     */
    static INDArray[] forward(BaseRNNCell<?> cell, CallContext ctx, INDArray x, INDArray[] initial, INDArray mask,
                              boolean goBackwards, boolean returnSequences, boolean zeroOutputForMask) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException(cell.className() + " \"" + cell.name() + "\" expects inputs of shape (batch, timesteps, features), got "
                    + java.util.Arrays.toString(x.shape()));
        }
        DataType dtype = cell.kernel.value().dataType();
        long batch = x.size(0);
        int steps = (int) x.size(1);
        long features = x.size(2);
        if (steps == 0) {
            throw new IllegalArgumentException(cell.className() + " \"" + cell.name() + "\" received a sequence of 0 timesteps");
        }
        long[] sizes = cell.stateSize();
        Run run = new Run();
        run.b = StepBuffers.of(ctx, "rnn", steps, batch, dtype);
        run.masked = mask != null;
        run.goBackwards = goBackwards;
        run.returnSequences = returnSequences;
        run.zeroOutputForMask = zeroOutputForMask;
        StepBuffers b = run.b;
        INDArray xs = b.sequence("x", features);
        RnnMath.toStepMajor(x.dataType() == dtype ? x : x.castTo(dtype), xs, goBackwards);
        drawDropoutMasks(cell, ctx, b, features, sizes[0]);
        run.fused = FusedLstm.applies(cell, dtype, b.recurrentMasks != null);
        cell.project(b, xs.reshape((long) steps * batch, features));

        INDArray[][] states = new INDArray[sizes.length][];
        INDArray[][] candidates = new INDArray[sizes.length][];
        for (int k = 0; k < sizes.length; k++) {
            states[k] = b.rows("s" + k, steps + 1, sizes[k]);
            INDArray init = k < initial.length ? initial[k] : null;
            if (init == null) {
                states[k][0].assign(0);
            } else {
                checkState(cell, k, init, batch, sizes[k]);
                states[k][0].assign(init);
            }
            candidates[k] = run.masked && !run.fused ? b.steps("c" + k, sizes[k]) : null;
        }
        INDArray[] keepMask = null;
        INDArray[] dropMask = null;
        INDArray[] outputs = null;
        if (run.masked) {
            INDArray m = b.sequence("m", 1);
            RnnMath.toStepMajor(mask.castTo(dtype).reshape(batch, steps, 1), m, goBackwards);
            b.sequence("minv", 1).assign(m).rsubi(1.0);
            keepMask = b.steps("m", 1);
            dropMask = b.steps("minv", 1);
            outputs = b.steps("o", sizes[0]);
        }
        INDArray[] prev = new INDArray[sizes.length];
        INDArray[] next = new INDArray[sizes.length];
        if (run.fused) {
            run.fusedMask = run.masked ? FusedLstm.Mask.of(b, zeroOutputForMask) : FusedLstm.Mask.NONE;
            FusedLstm.forward((LSTMCell) cell, b, run.fusedMask);
        } else {
            for (int s = 0; s < steps; s++) {
                for (int k = 0; k < sizes.length; k++) {
                    prev[k] = states[k][s];
                    next[k] = run.masked ? candidates[k][s] : states[k][s + 1];
                }
                cell.step(b, s, prev, next);
                if (run.masked) {
                    for (int k = 0; k < sizes.length; k++) {
                        INDArray tmp = b.scratch("blend" + k, sizes[k]);
                        tmp.assign(prev[k]).muliColumnVector(dropMask[s]);
                        states[k][s + 1].assign(next[k]).muliColumnVector(keepMask[s]).addi(tmp);
                    }
                    outputs[s].assign(next[0]).muliColumnVector(keepMask[s]);
                    if (!zeroOutputForMask && s > 0) {
                        INDArray tmp = b.scratch("blend0", sizes[0]);
                        outputs[s].addi(tmp.assign(outputs[s - 1]).muliColumnVector(dropMask[s]));
                    }
                }
            }
        }
        ctx.save("rnn", run);
        INDArray[] result = new INDArray[sizes.length + 1];
        if (returnSequences) {
            INDArray seq = run.masked ? b.sequence("o", sizes[0])
                    : b.sequence("s0", steps + 1, sizes[0]).get(NDArrayIndex.interval(1, steps + 1), NDArrayIndex.all(), NDArrayIndex.all());
            result[0] = RnnMath.toBatchMajor(seq, false);
        } else {
            result[0] = (run.masked ? outputs[steps - 1] : states[0][steps]).dup();
        }
        for (int k = 0; k < sizes.length; k++) {
            result[k + 1] = states[k][steps].dup();
        }
        return result;
    }

    /**
     * The dropout masks of a training call, drawn once per sequence and reused at every step, as
     * keras/src/layers/rnn/rnn.py {@code _maybe_config_dropout_masks}: the input masks first, then the recurrent
     * ones, from the cell's generator ({@code seed}, else the global one). Inference uses none.
     */
    private static void drawDropoutMasks(BaseRNNCell<?> cell, CallContext ctx, StepBuffers b, long features, long units) {
        boolean inputs = ctx.training() && cell.dropout > 0;
        boolean recurrent = ctx.training() && cell.recurrentDropout > 0;
        org.nd4j.linalg.api.rng.Random rng = inputs || recurrent ? ctx.computeIfAbsent("rnn:rng", () -> RandomState.generator(cell.seed)) : null;
        int count = cell.dropoutMaskCount();
        b.inputMasks = null;
        b.recurrentMasks = null;
        if (inputs) {
            cell.fillDropoutMasks(b.sequence("drop:in", count, features), cell.dropout, rng);
            b.inputMasks = b.rows("drop:in", count, features);
        }
        if (recurrent) {
            cell.fillDropoutMasks(b.sequence("drop:rec", count, units), cell.recurrentDropout, rng);
            b.recurrentMasks = b.rows("drop:rec", count, units);
        }
    }

    private static void checkState(BaseRNNCell<?> cell, int k, INDArray state, long batch, long size) {
        if (state.rank() != 2 || state.size(0) != batch || state.size(1) != size) {
            throw new IllegalArgumentException(cell.className() + " \"" + cell.name() + "\": initial state " + k + " must have shape ("
                    + batch + ", " + size + "), got " + java.util.Arrays.toString(state.shape()));
        }
    }

    /**
     * Back through time.
     *
     * @param grads {@code [d output, d final states...]} (entries may be null)
     * @return {@code [d x (null unless input 0 needs it), d initial states...]}
     */
    static INDArray[] backward(BaseRNNCell<?> cell, CallContext ctx, INDArray[] grads) {
        Run run = ctx.saved("rnn");
        StepBuffers b = run.b;
        int steps = b.steps;
        long[] sizes = cell.stateSize();
        int n = sizes.length;
        INDArray[] dState = new INDArray[n];
        INDArray[] dPrev = new INDArray[n];
        INDArray[] dNext = new INDArray[n];
        for (int k = 0; k < n; k++) {
            dState[k] = b.scratch("ds" + k, sizes[k]);
            INDArray g = k + 1 < grads.length ? grads[k + 1] : null;
            if (g == null) {
                dState[k].assign(0);
            } else {
                dState[k].assign(g);
            }
            dPrev[k] = b.scratch("dp" + k, sizes[k]);
            dNext[k] = run.masked ? b.scratch("dn" + k, sizes[k]) : null;
        }
        INDArray[] dOut = null;
        if (run.returnSequences && grads[0] != null) {
            RnnMath.toStepMajor(grads[0], b.sequence("do", sizes[0]), false);
            dOut = b.steps("do", sizes[0]);
        }
        INDArray[][] states = new INDArray[n][];
        for (int k = 0; k < n; k++) {
            states[k] = b.rows("s" + k, steps + 1, sizes[k]);
        }
        INDArray carry = run.masked ? b.scratch("carry", sizes[0]).assign(0) : null;
        INDArray[] keepMask = run.masked ? b.steps("m", 1) : null;
        INDArray[] dropMask = run.masked ? b.steps("minv", 1) : null;
        INDArray[] prev = new INDArray[n];
        INDArray[] next = new INDArray[n];
        if (run.fused) {
            INDArray dLast = null;
            if (!run.returnSequences && grads[0] != null) {
                if (run.masked) {
                    dLast = grads[0].dup('c');
                } else {
                    Blas.axpy(1.0, grads[0], dState[0]);
                }
            }
            FusedLstm.backward((LSTMCell) cell, b, dOut == null ? null : b.sequence("do", sizes[0]), dLast, dState, run.fusedMask);
        } else {
            cell.beginBackward(b);
            for (int s = steps - 1; s >= 0; s--) {
                INDArray gOut = run.returnSequences ? (dOut == null ? null : dOut[s]) : (s == steps - 1 ? grads[0] : null);
                for (int k = 0; k < n; k++) {
                    prev[k] = states[k][s];
                    next[k] = run.masked ? b.steps("c" + k, sizes[k])[s] : states[k][s + 1];
                }
                if (!run.masked) {
                    if (gOut != null) {
                        Blas.axpy(1.0, gOut, dState[0]);
                    }
                    cell.stepBackward(b, s, prev, next, dState, dPrev);
                    INDArray[] swap = dState;
                    dState = dPrev;
                    dPrev = swap;
                } else {
                    if (gOut != null) {
                        carry.addi(gOut);
                    }
                    for (int k = 0; k < n; k++) {
                        dNext[k].assign(dState[k]);
                    }
                    dNext[0].addi(carry);
                    for (int k = 0; k < n; k++) {
                        dNext[k].muliColumnVector(keepMask[s]);
                    }
                    if (run.zeroOutputForMask) {
                        carry.assign(0);
                    } else {
                        carry.muliColumnVector(dropMask[s]);
                    }
                    cell.stepBackward(b, s, prev, next, dNext, dPrev);
                    for (int k = 0; k < n; k++) {
                        dState[k].muliColumnVector(dropMask[s]).addi(dPrev[k]);
                    }
                }
            }
        }
        long rows = (long) steps * b.batch;
        INDArray hPrev = b.sequence("s0", steps + 1, sizes[0])
                .get(NDArrayIndex.interval(0, steps), NDArrayIndex.all(), NDArrayIndex.all()).reshape(rows, sizes[0]);
        long features = cell.kernel.value().size(0);
        INDArray xs = b.sequence("x", features).reshape(rows, features);
        boolean needDx = ctx.needsInputGradient(0);
        INDArray dxs = cell.finishBackward(b, xs, hPrev, needDx);
        INDArray[] result = new INDArray[n + 1];
        if (dxs != null) {
            result[0] = RnnMath.toBatchMajor(dxs.reshape(steps, b.batch, features), run.goBackwards);
        }
        for (int k = 0; k < n; k++) {
            result[k + 1] = dState[k].dup();
        }
        return result;
    }
}
