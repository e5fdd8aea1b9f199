package io.keras4j.layers;

import io.keras4j.backend.HostMath;
import io.keras4j.backend.Ops;
import io.keras4j.backend.Threads;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * The fast path of an {@link LSTMCell} with Keras's default activations (sigmoid gates, tanh cell) on an unmasked
 * float32 sequence. Each step is one GEMM ({@code z += h_prev @ recurrent_kernel} forward,
 * {@code dh_prev = dz @ recurrent_kernel^T} backward) and one pass of plain Java over heap copies of the gates and
 * cell states, with {@link HostMath}'s vectorized tanh/sigmoid; the generic {@link RecurrentLoop} issues about
 * twenty small ND4J ops per step instead, each paying ND4J's fixed per-op cost. The rows of a batch never interact,
 * so blocks of rows run the whole sequence on separate threads ({@link Threads#parallelRows}).
 *
 * <p>ND4J buffers ({@link StepBuffers}, step-major {@code (steps, batch, width)}): {@code x} the inputs, {@code z}
 * the gate pre-activations (projected input, then the recurrent term added step by step), {@code s0} the hidden
 * states of rows {@code 0..steps}, {@code s1} the cell states (rows 0 and {@code steps}), {@code dz} the gate
 * gradients read by {@link BaseRNNCell#finishBackward}. Heap arrays, laid out as the sequences: {@code gates} (the
 * i, f, o activations, and {@code sigmoid(2 z_c)} in place of {@code tanh(z_c) = 2 sigmoid(2 z_c) - 1}, so one
 * in-place sigmoid covers all four gates), {@code cells} (rows {@code 0..steps}) and {@code tanhCells}.
 */
final class FusedLstm {
    /** The fewest batch rows worth a thread of their own. */
    private static final int MIN_ROWS_PER_THREAD = 16;

    private FusedLstm() {
    }

    /** Whether the fast path computes this call: the generic loop handles everything else. */
    static boolean applies(BaseRNNCell<?> cell, DataType dtype, boolean masked, boolean recurrentDropout) {
        return cell instanceof LSTMCell lstm && lstm.defaultActivations() && dtype == DataType.FLOAT && !masked && !recurrentDropout;
    }

    /** The heap arrays a call shares between its row blocks. */
    private record Host(float[] gates, float[] cells, float[] tanhCells, float[] rows, float[] dh, float[] dc) {
        static Host of(StepBuffers b, int units) {
            int n = (int) b.batch * units;
            return new Host(b.host("gates", b.steps * n * 4), b.host("cells", (b.steps + 1) * n), b.host("tanhCells", b.steps * n),
                    b.host("rows", n * 4), b.host("dh", n), b.host("dc", n));
        }
    }

    /**
     * Runs the whole sequence from the states in row 0 of {@code s0}/{@code s1} (the input projection already in
     * {@code z}); writes the hidden states of every step into rows {@code 1..steps} of {@code s0} and the last cell
     * state into row {@code steps} of {@code s1}.
     */
    static void forward(LSTMCell cell, StepBuffers b) {
        Host host = Host.of(b, cell.units);
        Threads.parallelRows((int) b.batch, MIN_ROWS_PER_THREAD, (from, to) -> forwardRows(cell, b, host, from, to));
    }

    private static void forwardRows(LSTMCell cell, StepBuffers b, Host host, int from, int to) {
        int steps = b.steps;
        int batch = (int) b.batch;
        int u = cell.units;
        int w = 4 * u;
        int n = batch * u;
        int rows = to - from;
        float[] gates = host.gates();
        float[] cells = host.cells();
        float[] tanhCells = host.tanhCells();
        float[] hidden = host.rows();
        INDArray[] z = b.rowBlocks("z", steps, w, from, to);
        INDArray[] h = b.rowBlocks("s0", steps + 1, u, from, to);
        INDArray[] c = b.rowBlocks("s1", steps + 1, u, from, to);
        host(c[0]).get(cells, from * u, rows * u);
        for (int s = 0; s < steps; s++) {
            Ops.matmul(h[s], false, cell.recurrentKernel.value(), false, z[s], 1.0);
            int g0 = (s * batch + from) * w;
            host(z[s]).get(gates, g0, rows * w);
            for (int r = 0; r < rows; r++) {
                int cand = g0 + r * w + 2 * u;
                for (int j = cand; j < cand + u; j++) {
                    gates[j] *= 2;
                }
            }
            HostMath.sigmoidInPlace(gates, g0, g0 + rows * w);
            int c0 = s * n + from * u;
            for (int r = 0; r < rows; r++) {
                int gate = g0 + r * w;
                int row = c0 + r * u;
                for (int j = 0; j < u; j++) {
                    float g = 2 * gates[gate + 2 * u + j] - 1;
                    cells[row + n + j] = gates[gate + u + j] * cells[row + j] + gates[gate + j] * g;
                }
            }
            System.arraycopy(cells, c0 + n, tanhCells, c0, rows * u);
            HostMath.tanhInPlace(tanhCells, c0, c0 + rows * u);
            for (int r = 0; r < rows; r++) {
                int gate = g0 + r * w + 3 * u;
                int row = (from + r) * u;
                for (int j = 0; j < u; j++) {
                    hidden[row + j] = gates[gate + j] * tanhCells[c0 + r * u + j];
                }
            }
            host(h[s + 1]).put(hidden, from * u, rows * u);
        }
        host(c[steps]).put(cells, steps * n + from * u, rows * u);
    }

    /**
     * Back through time: given the output gradients {@code dOut} of every step (step-major, or null) and the
     * gradients of the final states in {@code dState} (overwritten with those of the initial states), writes the
     * gate gradients {@code dz} of every step.
     */
    static void backward(LSTMCell cell, StepBuffers b, INDArray dOut, INDArray[] dState) {
        Host host = Host.of(b, cell.units);
        b.scratch("fused_dh", cell.units);
        b.steps("dz", 4L * cell.units);
        Threads.parallelRows((int) b.batch, MIN_ROWS_PER_THREAD, (from, to) -> backwardRows(cell, b, host, dOut, dState, from, to));
    }

    private static void backwardRows(LSTMCell cell, StepBuffers b, Host host, INDArray dOut, INDArray[] dState, int from, int to) {
        int steps = b.steps;
        int batch = (int) b.batch;
        int u = cell.units;
        int w = 4 * u;
        int n = batch * u;
        int rows = to - from;
        float[] gates = host.gates();
        float[] cells = host.cells();
        float[] tanhCells = host.tanhCells();
        float[] dzRows = host.rows();
        float[] dh = host.dh();
        float[] dc = host.dc();
        INDArray[] dz = b.rowBlocks("dz", steps, w, from, to);
        INDArray dhRecurrent = b.scratchRows("fused_dh", u, from, to);
        FloatBuffer dOutHost = dOut == null ? null : host(dOut);
        host(dState[0]).get(from * u, dh, from * u, rows * u);
        host(dState[1]).get(from * u, dc, from * u, rows * u);
        for (int s = steps - 1; s >= 0; s--) {
            if (dOutHost != null) {
                for (int k = from * u; k < to * u; k++) {
                    dh[k] += dOutHost.get(s * n + k);
                }
            }
            int g0 = s * batch * w;
            int c0 = s * n;
            for (int r = from; r < to; r++) {
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
                    dzRows[out + j] = dcTotal * g * i * (1 - i);
                    dzRows[out + u + j] = dcTotal * cells[c0 + k] * f * (1 - f);
                    dzRows[out + 2 * u + j] = dcTotal * i * (1 - g * g);
                    dzRows[out + 3 * u + j] = dh[k] * t * o * (1 - o);
                    dc[k] = dcTotal * f;
                }
            }
            host(dz[s]).put(dzRows, from * w, rows * w);
            Ops.matmul(dz[s], false, cell.recurrentKernel.value(), true, dhRecurrent, 0.0);
            host(dhRecurrent).get(dh, from * u, rows * u);
        }
        host(dState[0]).put(from * u, dh, from * u, rows * u);
        host(dState[1]).put(from * u, dc, from * u, rows * u);
    }

    /** The float memory of an array (or a view's elements), positioned at its first element. */
    private static FloatBuffer host(INDArray a) {
        FloatBuffer f = a.data().asNioFloat();
        f.position((int) a.offset());
        return f.slice();
    }
}
