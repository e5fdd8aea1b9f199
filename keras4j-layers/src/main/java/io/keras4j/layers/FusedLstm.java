package io.keras4j.layers;

import io.keras4j.backend.HostMath;
import io.keras4j.backend.FastPaths;
import io.keras4j.backend.Layouts;
import io.keras4j.backend.Blas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * The fast path of an {@link LSTMCell} with Keras's default activations (sigmoid gates, tanh cell) on a float32
 * sequence (masked or not). Each step is one GEMM ({@code z += h_prev @ recurrent_kernel} forward,
 * {@code dh_prev = dz @ recurrent_kernel^T} backward) and one pass of plain Java over heap copies of the gates and
 * cell states, with {@link HostMath}'s vectorized tanh/sigmoid; the generic {@link RecurrentLoop} issues about
 * twenty small ND4J ops per step instead, each paying ND4J's fixed per-op cost, and is what runs when the
 * {@link FastPaths} are off (the heap copies need host memory). (Splitting the batch rows across
 * threads, which never interact, measured no faster on two cores: the per-step GEMMs dominate.)
 *
 * <p>ND4J buffers ({@link StepBuffers}, step-major {@code (steps, batch, width)}): {@code x} the inputs, {@code z}
 * the gate pre-activations (projected input, then the recurrent term added step by step), {@code s0} the hidden
 * states of rows {@code 0..steps}, {@code s1} the cell states (rows 0 and {@code steps}), {@code dz} the gate
 * gradients read by {@link BaseRNNCell#finishBackward}. Heap arrays, laid out as the sequences: {@code gates} (the
 * i, f, o activations, and {@code sigmoid(2 z_c)} in place of {@code tanh(z_c) = 2 sigmoid(2 z_c) - 1}, so one
 * in-place sigmoid covers all four gates), {@code cells} (rows {@code 0..steps}, the states carried on) and
 * {@code tanhCells} (of each step's new cell state). With a mask, a masked step keeps the previous states and outputs
 * the previous output (zeros with {@code zero_output_for_mask}), as {@link RecurrentLoop} does.
 */
final class FusedLstm {
    private FusedLstm() {
    }

    /** Whether the fast path computes this call: the generic loop handles everything else. */
    static boolean applies(BaseRNNCell<?> cell, DataType dtype, boolean recurrentDropout) {
        return cell instanceof LSTMCell lstm && lstm.defaultActivations() && dtype == DataType.FLOAT && !recurrentDropout
                && FastPaths.enabled();
    }

    /**
     * The step-major mask {@code keep[s * batch + r]} (1 keeps step s of row r) and {@code zero_output_for_mask}; or
     * {@link #NONE}.
     */
    record Mask(float[] keep, boolean zeroOutput) {
        static final Mask NONE = new Mask(null, false);

        /** The mask in sequence {@code m} of {@code b} (step-major {@code (steps, batch, 1)}). */
        static Mask of(StepBuffers b, boolean zeroOutput) {
            float[] keep = b.host("mask", b.steps * (int) b.batch);
            Layouts.floats(b.sequence("m", 1)).get(keep);
            return new Mask(keep, zeroOutput);
        }

        boolean keeps(int s, int batch, int r) {
            return keep == null || keep[s * batch + r] != 0;
        }
    }

    /** The heap arrays of a call. */
    private record Host(float[] gates, float[] cells, float[] tanhCells, float[] work, float[] dh, float[] dc, float[] carried) {
        static Host of(StepBuffers b, int units) {
            int n = (int) b.batch * units;
            return new Host(b.host("gates", b.steps * n * 4), b.host("cells", (b.steps + 1) * n), b.host("tanhCells", b.steps * n),
                    b.host("work", n * 4), b.host("dh", n), b.host("dc", n), b.host("carried", 2 * n));
        }
    }

    /**
     * Runs the whole sequence from the states in row 0 of {@code s0}/{@code s1} (the input projection already in
     * {@code z}); writes the hidden states of every step into rows {@code 1..steps} of {@code s0}, the last cell
     * state into row {@code steps} of {@code s1} and, with a mask, the outputs of every step into sequence {@code o}.
     */
    static void forward(LSTMCell cell, StepBuffers b, Mask mask) {
        Host host = Host.of(b, cell.units);
        int steps = b.steps;
        int batch = (int) b.batch;
        int u = cell.units;
        int w = 4 * u;
        int n = batch * u;
        float[] gates = host.gates();
        float[] cells = host.cells();
        float[] tanhCells = host.tanhCells();
        float[] hidden = host.work();
        float[] state = host.carried();
        INDArray[] z = b.steps("z", w);
        INDArray[] h = b.rows("s0", steps + 1, u);
        INDArray[] c = b.rows("s1", steps + 1, u);
        INDArray[] o = mask.keep() == null ? null : b.steps("o", u);
        Layouts.floats(c[0]).get(cells, 0, n);
        if (o != null) {
            Layouts.floats(h[0]).get(state, 0, n);
            java.util.Arrays.fill(state, n, 2 * n, 0f);
        }
        for (int s = 0; s < steps; s++) {
            Blas.matmul(h[s], false, cell.recurrentKernel.value(), false, z[s], 1.0);
            int g0 = s * batch * w;
            Layouts.floats(z[s]).get(gates, g0, batch * w);
            for (int r = 0; r < batch; r++) {
                int cand = g0 + r * w + 2 * u;
                for (int j = cand; j < cand + u; j++) {
                    gates[j] *= 2;
                }
            }
            HostMath.sigmoidInPlace(gates, g0, g0 + batch * w);
            int c0 = s * n;
            for (int r = 0; r < batch; r++) {
                int gate = g0 + r * w;
                int row = c0 + r * u;
                for (int j = 0; j < u; j++) {
                    float g = 2 * gates[gate + 2 * u + j] - 1;
                    cells[row + n + j] = gates[gate + u + j] * cells[row + j] + gates[gate + j] * g;
                }
            }
            System.arraycopy(cells, c0 + n, tanhCells, c0, n);
            HostMath.tanhInPlace(tanhCells, c0, c0 + n);
            for (int r = 0; r < batch; r++) {
                int gate = g0 + r * w + 3 * u;
                int row = r * u;
                for (int j = 0; j < u; j++) {
                    hidden[row + j] = gates[gate + j] * tanhCells[c0 + r * u + j];
                }
            }
            if (o != null) {
                carryMaskedRows(s, batch, u, mask, cells, hidden, state);
                Layouts.floats(o[s]).put(state, n, n);
            }
            Layouts.floats(h[s + 1]).put(hidden, 0, n);
        }
        Layouts.floats(c[steps]).put(cells, steps * n, n);
    }

    /**
     * Applies the mask to step {@code s}'s new states: a masked row keeps its previous cell state ({@code cells}) and
     * hidden state ({@code state[0, n)}), a kept row's hidden state is updated; the step's output
     * ({@code state[n, 2n)}) becomes the new hidden state, or for a masked row the previous output (zeros with
     * {@code zero_output_for_mask}). {@code hidden} ends holding the hidden states carried on.
     */
    private static void carryMaskedRows(int s, int batch, int u, Mask mask, float[] cells, float[] hidden, float[] state) {
        int n = batch * u;
        for (int r = 0; r < batch; r++) {
            int row = r * u;
            if (mask.keeps(s, batch, r)) {
                System.arraycopy(hidden, row, state, row, u);
                System.arraycopy(hidden, row, state, n + row, u);
            } else {
                System.arraycopy(cells, s * n + row, cells, (s + 1) * n + row, u);
                System.arraycopy(state, row, hidden, row, u);
                if (mask.zeroOutput()) {
                    java.util.Arrays.fill(state, n + row, n + row + u, 0f);
                }
            }
        }
    }

    /**
     * Back through time: given the output gradients {@code dOut} of every step (step-major, or null), with a mask the
     * gradient {@code dLast} of the last step's output (else already in {@code dState[0]}), and the gradients of the
     * final states in {@code dState} (overwritten with those of the initial states), writes the gate gradients
     * {@code dz} of every step.
     */
    static void backward(LSTMCell cell, StepBuffers b, INDArray dOut, INDArray dLast, INDArray[] dState, Mask mask) {
        Host host = Host.of(b, cell.units);
        int steps = b.steps;
        int batch = (int) b.batch;
        int u = cell.units;
        int w = 4 * u;
        int n = batch * u;
        boolean masked = mask.keep() != null;
        float[] gates = host.gates();
        float[] cells = host.cells();
        float[] tanhCells = host.tanhCells();
        float[] dzRows = host.work();
        float[] dh = host.dh();
        float[] dc = host.dc();
        float[] carry = host.carried();
        INDArray[] dz = b.steps("dz", w);
        INDArray dhRecurrent = b.scratch("fused_dh", u);
        FloatBuffer dOutHost = dOut == null ? null : Layouts.floats(dOut);
        Layouts.floats(dState[0]).get(dh, 0, n);
        Layouts.floats(dState[1]).get(dc, 0, n);
        java.util.Arrays.fill(carry, 0, n, 0f);
        if (dLast != null) {
            Layouts.floats(dLast).get(carry, 0, n);
        }
        float[] outputGradient = masked ? carry : dh;
        for (int s = steps - 1; s >= 0; s--) {
            if (dOutHost != null) {
                for (int k = 0; k < n; k++) {
                    outputGradient[k] += dOutHost.get(s * n + k);
                }
            }
            int g0 = s * batch * w;
            int c0 = s * n;
            for (int r = 0; r < batch; r++) {
                int out = r * w;
                if (!mask.keeps(s, batch, r)) {
                    java.util.Arrays.fill(dzRows, out, out + w, 0f);
                    if (mask.zeroOutput()) {
                        java.util.Arrays.fill(carry, r * u, r * u + u, 0f);
                    }
                    continue;
                }
                int gate = g0 + r * w;
                for (int j = 0; j < u; j++) {
                    int k = r * u + j;
                    float dhk = masked ? dh[k] + carry[k] : dh[k];
                    float i = gates[gate + j];
                    float f = gates[gate + u + j];
                    float g = 2 * gates[gate + 2 * u + j] - 1;
                    float o = gates[gate + 3 * u + j];
                    float t = tanhCells[c0 + k];
                    float dcTotal = dc[k] + dhk * o * (1 - t * t);
                    dzRows[out + j] = dcTotal * g * i * (1 - i);
                    dzRows[out + u + j] = dcTotal * cells[c0 + k] * f * (1 - f);
                    dzRows[out + 2 * u + j] = dcTotal * i * (1 - g * g);
                    dzRows[out + 3 * u + j] = dhk * t * o * (1 - o);
                    dc[k] = dcTotal * f;
                }
                if (masked) {
                    java.util.Arrays.fill(carry, r * u, r * u + u, 0f);
                }
            }
            Layouts.floats(dz[s]).put(dzRows, 0, batch * w);
            Blas.matmul(dz[s], false, cell.recurrentKernel.value(), true, dhRecurrent, 0.0);
            FloatBuffer recurrent = Layouts.floats(dhRecurrent);
            for (int r = 0; r < batch; r++) {
                if (mask.keeps(s, batch, r)) {
                    recurrent.get(r * u, dh, r * u, u);
                }
            }
        }
        Layouts.floats(dState[0]).put(dh, 0, n);
        Layouts.floats(dState[1]).put(dc, 0, n);
    }
}
