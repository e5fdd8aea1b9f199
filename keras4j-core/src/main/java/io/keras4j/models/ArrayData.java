package io.keras4j.models;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * In-memory training data cut into batches, as Keras's array data adapter: inputs, targets and optional
 * sample weights with one row per sample. An ordered batch is a view of the arrays; a shuffled batch
 * is gathered into a buffer that is reused while the batch size stays the same. {@link #release} frees the native
 * memory of what it allocated (copies, gather buffers) when the loop ends, instead of leaving it to the garbage collector.
 */
final class ArrayData implements BatchSource {
    final INDArray[] x;
    final INDArray[] y;
    final INDArray sampleWeight;
    final long size;
    private final INDArray[][] gatherBuffers = new INDArray[3][];
    private int[] order;

    ArrayData(INDArray[] x, INDArray[] y, INDArray sampleWeight) {
        this.x = contiguous(x);
        this.y = y == null ? null : contiguous(y);
        this.sampleWeight = sampleWeight;
        this.size = x[0].size(0);
    }

    private static INDArray[] contiguous(INDArray[] arrays) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            INDArray a = arrays[i];
            out[i] = a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
        }
        return out;
    }

    /** The rows [from, to) as a new ArrayData of views (used for validation_split). */
    ArrayData slice(long from, long to) {
        return new ArrayData(rows(x, from, to), y == null ? null : rows(y, from, to),
                sampleWeight == null ? null : sampleWeight.get(NDArrayIndex.interval(from, to)).dup());
    }

    private static INDArray[] rows(INDArray[] arrays, long from, long to) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = rowRange(arrays[i], from, to).dup('c');
        }
        return out;
    }

    private static INDArray rowRange(INDArray a, long from, long to) {
        if (a.rank() == 1) {
            return a.get(NDArrayIndex.interval(from, to));
        }
        org.nd4j.linalg.indexing.INDArrayIndex[] indices = new org.nd4j.linalg.indexing.INDArrayIndex[a.rank()];
        indices[0] = NDArrayIndex.interval(from, to);
        for (int d = 1; d < indices.length; d++) {
            indices[d] = NDArrayIndex.all();
        }
        return a.get(indices);
    }

    @Override
    public int numBatches(int batchSize) {
        return (int) ((size + batchSize - 1) / batchSize);
    }

    @Override
    public long numSamples() {
        return size;
    }

    @Override
    public void onEpochBegin(boolean shuffle) {
        order = shuffle ? Trainer.permutation((int) size) : null;
    }

    @Override
    public INDArray[][] batch(int b, int batchSize) {
        int from = b * batchSize;
        return batch(order, from, (int) Math.min(size, from + (long) batchSize));
    }

    @Override
    public void onEpochEnd() {
    }

    /**
     * Frees the native memory of the arrays this data holds that the caller did not pass in (contiguous copies, casts,
     * sample weights made from class weights, validation slices) and of the gather buffers. The data is unusable after.
     *
     * @param callerArrays the arrays the caller owns: arrays sharing their memory (reshapes) are left open
     */
    void release(INDArray... callerArrays) {
        java.util.Set<Object> keep = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (INDArray a : callerArrays) {
            if (a != null && !a.isEmpty()) {
                keep.add(a.data());
                if (a.data().originalDataBuffer() != null) {
                    keep.add(a.data().originalDataBuffer());
                }
            }
        }
        closeAll(x, keep);
        if (y != null) {
            closeAll(y, keep);
        }
        closeAll(new INDArray[]{sampleWeight}, keep);
        for (INDArray[] buffers : gatherBuffers) {
            if (buffers != null) {
                closeAll(buffers, keep);
            }
        }
    }

    private static void closeAll(INDArray[] arrays, java.util.Set<Object> keep) {
        for (INDArray a : arrays) {
            if (a != null && !a.isEmpty() && !a.wasClosed() && !keep.contains(a.data()) && a.closeable()) {
                a.close();
            }
        }
    }

    /** The batch of rows [from, to) of the (possibly permuted) sample order. */
    INDArray[][] batch(int[] order, int from, int to) {
        INDArray[][] out = new INDArray[3][];
        if (order == null) {
            out[0] = views(x, from, to);
            out[1] = y == null ? null : views(y, from, to);
            out[2] = sampleWeight == null ? null : new INDArray[]{rowRange(sampleWeight, from, to)};
            return out;
        }
        int[] idx = Arrays.copyOfRange(order, from, to);
        out[0] = gather(0, x, idx);
        out[1] = y == null ? null : gather(1, y, idx);
        out[2] = sampleWeight == null ? null : gather(2, new INDArray[]{sampleWeight}, idx);
        return out;
    }

    private static INDArray[] views(INDArray[] arrays, long from, long to) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = rowRange(arrays[i], from, to);
        }
        return out;
    }

    private INDArray[] gather(int kind, INDArray[] arrays, int[] idx) {
        INDArray[] buffers = gatherBuffers[kind];
        if (buffers == null) {
            buffers = new INDArray[arrays.length];
            gatherBuffers[kind] = buffers;
        }
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            INDArray a = arrays[i];
            long[] shape = a.shape().clone();
            shape[0] = idx.length;
            if (buffers[i] == null || !Arrays.equals(buffers[i].shape(), shape)) {
                buffers[i] = Nd4j.createUninitialized(a.dataType(), shape, 'c');
            }
            long rowLength = a.length() / Math.max(1, a.size(0));
            INDArray source2d = a.reshape('c', a.size(0), rowLength);
            INDArray dest2d = buffers[i].reshape('c', idx.length, rowLength);
            Nd4j.pullRows(source2d, dest2d, 1, idx);
            out[i] = buffers[i];
        }
        return out;
    }
}
