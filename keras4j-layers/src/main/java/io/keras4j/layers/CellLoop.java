package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Layer;
import io.keras4j.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * The time loop for any cell ({@link RecurrentCell}, or a functional {@code Model} with inputs
 * {@code [x_t, states...]}), as keras/src/backend/tensorflow/rnn.py {@code rnn}: calls the cell once per step,
 * each step with a context of its own so that back through time calls the cell's {@code backward} once per step
 * in reverse order. Masks, go_backwards, initial states and outputs as {@link RecurrentLoop}.
 */
final class CellLoop {
    private CellLoop() {
    }

    /** What the backward pass needs from one forward call. */
    private static final class Run {
        int steps;
        long features;
        INDArray[] masks;
        boolean goBackwards;
        boolean returnSequences;
        boolean zeroOutputForMask;
    }

    /**
     * Returns {@code cell} if it can be a cell: a {@link RecurrentCell}, or a functional model with inputs
     * {@code [x, states...]} and as many outputs {@code [output, new states...]}.
     */
    static Layer checkCell(String owner, Layer cell) {
        if (cell instanceof RecurrentCell) {
            return cell;
        }
        if (cell instanceof Model && ((Model) cell).isGraphBuilt() && ((Model) cell).inputs().size() >= 2
                && ((Model) cell).outputs().size() == ((Model) cell).inputs().size()) {
            return cell;
        }
        throw new IllegalArgumentException(owner + ": argument `cell` must be a RecurrentCell (a layer with state_size whose call maps "
                + "[x, states...] to [output, new_states...]) or a functional Model with inputs [x, states...] and as many outputs, got "
                + (cell == null ? "null" : cell.className() + " \"" + cell.name() + "\""));
    }

    /** The state sizes of a cell: a {@link RecurrentCell}'s, or a functional model's state inputs' last axes. */
    static long[] stateSizes(Layer cell) {
        if (cell instanceof RecurrentCell) {
            return ((RecurrentCell) cell).stateSize();
        }
        Model model = (Model) cell;
        long[] sizes = new long[model.inputs().size() - 1];
        for (int k = 0; k < sizes.length; k++) {
            long[] shape = model.inputs().get(k + 1).shape();
            sizes[k] = shape[shape.length - 1];
        }
        return sizes;
    }

    /** The output size of a cell: {@code output_size}, or a functional model's first output's last axis. */
    static long outputSize(Layer cell) {
        if (cell instanceof RecurrentCell) {
            return ((RecurrentCell) cell).outputSize();
        }
        long[] shape = ((Model) cell).outputs().get(0).shape();
        return shape[shape.length - 1];
    }

    /**
     * @param x       {@code (batch, timesteps, features)}
     * @param initial initial states, an entry may be null (zeros)
     * @param mask    {@code (batch, timesteps)} or null
     * @return {@code [output, final states...]}
     */
    static INDArray[] forward(Layer cell, CallContext ctx, INDArray x, INDArray[] initial, INDArray mask,
                              boolean goBackwards, boolean returnSequences, boolean zeroOutputForMask) {
        long batch = x.size(0);
        int steps = (int) x.size(1);
        if (steps == 0) {
            throw new IllegalArgumentException("RNN: cell \"" + cell.name() + "\" received a sequence of 0 timesteps");
        }
        long[] sizes = stateSizes(cell);
        Run run = new Run();
        run.steps = steps;
        run.features = x.size(2);
        run.goBackwards = goBackwards;
        run.returnSequences = returnSequences;
        run.zeroOutputForMask = zeroOutputForMask;
        INDArray[] states = new INDArray[sizes.length];
        for (int k = 0; k < sizes.length; k++) {
            INDArray init = k < initial.length ? initial[k] : null;
            states[k] = init == null ? Nd4j.zeros(x.dataType(), batch, sizes[k]) : init;
        }
        run.masks = mask == null ? null : new INDArray[steps];
        INDArray output = null;
        INDArray[] outputs = returnSequences ? new INDArray[steps] : null;
        for (int s = 0; s < steps; s++) {
            int t = goBackwards ? steps - 1 - s : s;
            INDArray[] args = new INDArray[sizes.length + 1];
            args[0] = x.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all()).dup();
            System.arraycopy(states, 0, args, 1, sizes.length);
            INDArray[] out = cell.call(args, child(ctx, "cell:step:" + s, args.length, ctx.needsInputGradient(0)));
            checkOutputs(cell, out, sizes, batch);
            if (mask == null) {
                output = out[0];
                System.arraycopy(out, 1, states, 0, sizes.length);
            } else {
                INDArray keep = mask.get(NDArrayIndex.all(), NDArrayIndex.point(t)).castTo(x.dataType()).reshape(batch, 1);
                run.masks[s] = keep;
                for (int k = 0; k < sizes.length; k++) {
                    states[k] = blend(keep, out[k + 1], states[k]);
                }
                INDArray previous = output == null || zeroOutputForMask ? out[0].ulike().assign(0) : output;
                output = blend(keep, out[0], previous);
            }
            if (returnSequences) {
                outputs[s] = output;
            }
        }
        ctx.save("cells", run);
        INDArray[] result = new INDArray[sizes.length + 1];
        result[0] = returnSequences ? Nd4j.stack(1, outputs) : output;
        System.arraycopy(states, 0, result, 1, sizes.length);
        return result;
    }

    /** {@code where(keep, a, b)} for a {@code (batch, 1)} 0/1 mask. */
    private static INDArray blend(INDArray keep, INDArray a, INDArray b) {
        return a.mulColumnVector(keep).addi(b.mulColumnVector(keep.rsub(1.0)));
    }

    /**
     * The context of a call of a cell inside {@code ctx}, kept under {@code key} (its saved values are that call's): the
     * states' gradients are always needed, the input's when {@code needsInput}.
     */
    static CallContext child(CallContext ctx, String key, int inputs, boolean needsInput) {
        CallContext child = ctx.computeIfAbsent(key, CallContext::new);
        boolean[] needs = new boolean[inputs];
        Arrays.fill(needs, true);
        needs[0] = needsInput;
        child.begin(ctx.training(), needs);
        return child;
    }

    private static void checkOutputs(Layer cell, INDArray[] out, long[] sizes, long batch) {
        if (out.length != sizes.length + 1) {
            throw new IllegalArgumentException("RNN: cell \"" + cell.name() + "\" must return [output, " + sizes.length
                    + " new state(s)] (state_size " + Arrays.toString(sizes) + "), got " + out.length + " array(s)");
        }
        for (int k = 0; k < sizes.length; k++) {
            long[] shape = out[k + 1].shape();
            if (shape.length != 2 || shape[0] != batch || shape[1] != sizes[k]) {
                throw new IllegalArgumentException("RNN: cell \"" + cell.name() + "\" returned new state " + k + " of shape "
                        + Arrays.toString(shape) + ", expected (" + batch + ", " + sizes[k] + ") from its state_size");
            }
        }
    }

    /**
     * Back through time: the cell's backward once per step, last step first.
     *
     * @param grads {@code [d output, d final states...]} (entries may be null)
     * @return {@code [d x (null unless input 0 needs it), d initial states...]}
     */
    static INDArray[] backward(Layer cell, CallContext ctx, INDArray[] grads) {
        Run run = ctx.saved("cells");
        long[] sizes = stateSizes(cell);
        int n = sizes.length;
        INDArray[] dState = new INDArray[n];
        INDArray dOut0 = grads[0];
        long batch = dOut0.size(0);
        for (int k = 0; k < n; k++) {
            INDArray g = k + 1 < grads.length ? grads[k + 1] : null;
            dState[k] = g == null ? Nd4j.zeros(dOut0.dataType(), batch, sizes[k]) : g.dup();
        }
        boolean needDx = ctx.needsInputGradient(0);
        INDArray dx = needDx ? Nd4j.zeros(dOut0.dataType(), batch, run.steps, run.features) : null;
        INDArray carry = null;
        for (int s = run.steps - 1; s >= 0; s--) {
            INDArray gOut = run.returnSequences ? dOut0.get(NDArrayIndex.all(), NDArrayIndex.point(s), NDArrayIndex.all())
                    : s == run.steps - 1 ? dOut0 : null;
            INDArray dOutput = gOut == null ? null : gOut.dup();
            if (carry != null) {
                dOutput = dOutput == null ? carry : dOutput.addi(carry);
            }
            if (dOutput == null) {
                dOutput = Nd4j.zeros(dOut0.dataType(), batch, outputSize(cell));
            }
            INDArray[] gIn = new INDArray[n + 1];
            INDArray keep = run.masks == null ? null : run.masks[s];
            if (keep == null) {
                gIn[0] = dOutput;
                System.arraycopy(dState, 0, gIn, 1, n);
            } else {
                INDArray drop = keep.rsub(1.0);
                gIn[0] = dOutput.mulColumnVector(keep);
                carry = run.zeroOutputForMask ? null : dOutput.mulColumnVector(drop);
                for (int k = 0; k < n; k++) {
                    gIn[k + 1] = dState[k].mulColumnVector(keep);
                    dState[k] = dState[k].mulColumnVector(drop);
                }
            }
            INDArray[] back = cell.backward(gIn, ctx.saved("cell:step:" + s));
            for (int k = 0; k < n; k++) {
                INDArray d = back[k + 1];
                dState[k] = keep == null ? (d == null ? dState[k].assign(0) : d) : (d == null ? dState[k] : dState[k].addi(d));
            }
            if (needDx && back[0] != null) {
                int t = run.goBackwards ? run.steps - 1 - s : s;
                dx.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all()).assign(back[0]);
            }
        }
        INDArray[] result = new INDArray[n + 1];
        result[0] = dx;
        System.arraycopy(dState, 0, result, 1, n);
        return result;
    }
}
