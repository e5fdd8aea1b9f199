package io.keras4j.layers;

import io.keras4j.backend.HostMath;
import io.keras4j.backend.Ops;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * The fast path of an {@link LSTMCell} with Keras's default activations (sigmoid gates, tanh cell) on an unmasked
 * float32 sequence. Each step is one ND4J GEMM ({@code z += h_prev @ recurrent_kernel} forward,
 * {@code dh_prev = dz @ recurrent_kernel^T} backward) and one pass of plain Java over heap copies of the gates and
 * cell states, with {@link HostMath}'s vectorized tanh/sigmoid; the generic {@link RecurrentLoop} issues about
 * twenty small ND4J ops per step instead, each paying ND4J's fixed per-op cost.
 *
 * <p>ND4J buffers ({@link StepBuffers}, step-major {@code (steps, batch, width)}): {@code x} the inputs, {@code z}
 * the gate pre-activations (projected input, then the recurrent term added step by step), {@code s0} the hidden
 * states of rows {@code 0..steps}, {@code s1} the cell states (rows 0 and {@code steps}), {@code dz} the gate
 * gradients read by {@link BaseRNNCell#finishBackward}. Heap arrays: {@code gates} (the i, f, o activations, and
 * {@code sigmoid(2 z_c)} in place of {@code tanh(z_c) = 2 sigmoid(2 z_c) - 1}, so one in-place sigmoid covers all
 * four gates), {@code cells} (rows {@code 0..steps}) and {@code tanhCells}.
 */
final class FusedLstm {
    private FusedLstm() {
    }

    /** Whether the fast path computes this call: the generic loop handles everything else. */
    static boolean applies(BaseRNNCell<?> cell, DataType dtype, boolean masked, boolean recurrentDropout) {
        return cell instanceof LSTMCell lstm && lstm.defaultActivations() && dtype == DataType.FLOAT && !masked && !recurrentDropout;
    }

    /**
     * Runs the whole sequence from the states in row 0 of {@code s0}/{@code s1} (the input projection already in
     * {@code z}); writes the hidden states of every step into rows {@code 1..steps} of {@code s0} and the last cell
     * state into row {@code steps} of {@code s1}.
     */
    static void forward(LSTMCell cell, StepBuffers b) {
        int steps = b.steps;
        int batch = (int) b.batch;
        int u = cell.units;
        int w = 4 * u;
        int n = batch * u;
        INDArray[] z = b.steps("z", w);
        INDArray[] h = b.rows("s0", steps + 1, u);
        INDArray[] c = b.rows("s1", steps + 1, u);
        float[] gates = b.host("gates", steps * batch * w);
        float[] cells = b.host("cells", (steps + 1) * n);
        float[] tanhCells = b.host("tanhCells", steps * n);
        float[] hidden = b.host("hidden", n);
        host(c[0]).get(cells, 0, n);
        for (int s = 0; s < steps; s++) {
            Ops.matmul(h[s], false, cell.recurrentKernel.value(), false, z[s], 1.0);
            int g0 = s * batch * w;
            host(z[s]).get(gates, g0, batch * w);
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
                int row = r * u;
                for (int j = 0; j < u; j++) {
                    float g = 2 * gates[gate + 2 * u + j] - 1;
                    cells[c0 + n + row + j] = gates[gate + u + j] * cells[c0 + row + j] + gates[gate + j] * g;
                }
            }
            System.arraycopy(cells, c0 + n, tanhCells, c0, n);
            HostMath.tanhInPlace(tanhCells, c0, c0 + n);
            for (int r = 0; r < batch; r++) {
                int gate = g0 + r * w + 3 * u;
                int row = r * u;
                for (int j = 0; j < u; j++) {
                    hidden[row + j] = gates[gate + j] * tanhCells[c0 + row + j];
                }
            }
            host(h[s + 1]).put(hidden, 0, n);
        }
        host(c[steps]).put(cells, steps * n, n);
    }

    /**
     * Back through time: given the output gradients {@code dOut} of every step (step-major, or null) and the
     * gradients of the final states in {@code dState} (overwritten with those of the initial states), writes the
     * gate gradients {@code dz} of every step.
     */
    static void backward(LSTMCell cell, StepBuffers b, INDArray dOut, INDArray[] dState) {
        int steps = b.steps;
        int batch = (int) b.batch;
        int u = cell.units;
        int w = 4 * u;
        int n = batch * u;
        float[] gates = b.host("gates", steps * batch * w);
        float[] cells = b.host("cells", (steps + 1) * n);
        float[] tanhCells = b.host("tanhCells", steps * n);
        float[] dzStep = b.host("dzStep", batch * w);
        float[] dh = b.host("dh", n);
        float[] dc = b.host("dc", n);
        INDArray[] dz = b.steps("dz", w);
        INDArray dhRecurrent = b.scratch("fused_dh", u);
        FloatBuffer dOutHost = dOut == null ? null : host(dOut);
        host(dState[0]).get(dh, 0, n);
        host(dState[1]).get(dc, 0, n);
        for (int s = steps - 1; s >= 0; s--) {
            if (dOutHost != null) {
                for (int k = 0; k < n; k++) {
                    dh[k] += dOutHost.get(s * n + k);
                }
            }
            int g0 = s * batch * w;
            int c0 = s * n;
            for (int r = 0; r < batch; r++) {
                int gate = g0 + r * w;
                int out = r * w;
                for (int j = 0; j < u; j++) {
                    int k = r * u + j;
                    float i = gates[gate + j];
                    float f = gates[gate + u + j];
                    float g = 2 * gates[gate + 2 * u + j] - 1;
                    float o = gates[gate + 3 * u + j];
                    float t = tanhCells[c0 + k];
                    float dcTotal = dc[k] + dh[k] * o * (1 - t * t);
                    dzStep[out + j] = dcTotal * g * i * (1 - i);
                    dzStep[out + u + j] = dcTotal * cells[c0 + k] * f * (1 - f);
                    dzStep[out + 2 * u + j] = dcTotal * i * (1 - g * g);
                    dzStep[out + 3 * u + j] = dh[k] * t * o * (1 - o);
                    dc[k] = dcTotal * f;
                }
            }
            host(dz[s]).put(dzStep, 0, batch * w);
            Ops.matmul(dz[s], false, cell.recurrentKernel.value(), true, dhRecurrent, 0.0);
            host(dhRecurrent).get(dh, 0, n);
        }
        host(dState[0]).put(dh, 0, n);
        host(dState[1]).put(dc, 0, n);
    }

    /** The float memory of a contiguous array (a view's elements), positioned at its first element. */
    private static FloatBuffer host(INDArray a) {
        FloatBuffer f = a.data().asNioFloat();
        f.position((int) a.offset());
        return f.slice();
    }
}
