package io.keras4j.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.HashMap;
import java.util.Map;

/**
 * The time-major buffers of one recurrent call shape {@code (steps, batch)}: sequences of shape
 * {@code (steps, batch, width)} allocated once and reused across calls of the same shape, with their
 * per-step and per-column views cached, so that the time loop creates no arrays and no views.
 */
final class StepBuffers {
    final int steps;
    final long batch;
    final DataType dtype;
    /**
     * The training call's input dropout masks, one {@code (batch, input_dim)} view per mask group (one group, or
     * one per gate with recurrent dropout), or null; set by {@link RecurrentLoop} on every call.
     */
    INDArray[] inputMasks;
    /** The training call's recurrent dropout masks, one {@code (batch, units)} view per gate, or null. */
    INDArray[] recurrentMasks;
    private final Map<String, INDArray> sequences = new HashMap<>();
    private final Map<String, INDArray[]> views = new HashMap<>();
    private final Map<String, float[]> hostArrays = new HashMap<>();

    StepBuffers(int steps, long batch, DataType dtype) {
        this.steps = steps;
        this.batch = batch;
        this.dtype = dtype;
    }

    /** The buffers of {@code ctx} for this shape, created on first use. */
    static StepBuffers of(io.keras4j.engine.CallContext ctx, String owner, int steps, long batch, DataType dtype) {
        return ctx.computeIfAbsent(owner + ":steps:" + steps + "x" + batch + ":" + dtype, () -> new StepBuffers(steps, batch, dtype));
    }

    /** The sequence {@code key} of shape {@code (rows, batch, width)} (contents undefined on creation). */
    INDArray sequence(String key, int rows, long width) {
        INDArray a = sequences.get(key);
        if (a == null) {
            a = Nd4j.createUninitialized(dtype, new long[]{rows, batch, width}, 'c');
            sequences.put(key, a);
        }
        return a;
    }

    /** The sequence {@code key} of shape {@code (steps, batch, width)}. */
    INDArray sequence(String key, long width) {
        return sequence(key, steps, width);
    }

    /** The {@code (batch, width)} view of every row of {@code sequence(key, rows, width)}. */
    INDArray[] rows(String key, int rows, long width) {
        INDArray[] out = views.get(key);
        if (out == null) {
            INDArray seq = sequence(key, rows, width);
            out = new INDArray[rows];
            for (int t = 0; t < rows; t++) {
                out[t] = seq.get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.all());
            }
            views.put(key, out);
        }
        return out;
    }

    /** The {@code (batch, width)} view of every step of sequence {@code key}. */
    INDArray[] steps(String key, long width) {
        return rows(key, steps, width);
    }

    /** Columns {@code [from, to)} of every step view of sequence {@code key} (of width {@code width}). */
    INDArray[] columns(String key, long width, long from, long to) {
        String name = key + "[" + from + ":" + to + "]";
        INDArray[] out = views.get(name);
        if (out == null) {
            INDArray[] full = steps(key, width);
            out = new INDArray[full.length];
            for (int t = 0; t < full.length; t++) {
                out[t] = full[t].get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
            }
            views.put(name, out);
        }
        return out;
    }

    /** A row of {@code steps * batch} ones, {@code (1, steps * batch)}: sums rows of a sequence by a GEMM. */
    INDArray ones() {
        return sequences.computeIfAbsent("ones", k -> Nd4j.ones(dtype, 1, (long) steps * batch));
    }

    /** A Java heap array of {@code length} floats (for host-side kernels), allocated once per key and length. */
    float[] host(String key, int length) {
        float[] a = hostArrays.get(key);
        if (a == null || a.length != length) {
            a = new float[length];
            hostArrays.put(key, a);
        }
        return a;
    }

    /** A single {@code (batch, width)} scratch array. */
    INDArray scratch(String key, long width) {
        return sequences.computeIfAbsent("scratch:" + key, k -> Nd4j.createUninitialized(dtype, new long[]{batch, width}, 'c'));
    }

    /** Columns {@code [from, to)} of scratch array {@code key}. */
    INDArray scratchColumns(String key, long width, long from, long to) {
        String name = "scratch:" + key + "[" + from + ":" + to + "]";
        INDArray[] out = views.get(name);
        if (out == null) {
            out = new INDArray[]{scratch(key, width).get(NDArrayIndex.all(), NDArrayIndex.interval(from, to))};
            views.put(name, out);
        }
        return out[0];
    }
}
