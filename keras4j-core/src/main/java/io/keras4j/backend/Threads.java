package io.keras4j.backend;

import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;


/**
 * Intra-op parallelism, as TensorFlow's {@code intra_op_parallelism_threads}: how many threads one heavy operation
 * may use (by default, the number of cores). The many small element-wise ops and GEMMs of a training step run
 * fastest on one OpenMP thread ({@code OMP_NUM_THREADS=1}, see the README), so parallelism is applied where it pays:
 * {@link #execParallel} runs ND4J ops on oneDNN kernels (convolution, pooling, batch normalization) with this many
 * OpenMP threads and restores the caller's count (mnist_convnet's conv2d_bp: 9.2 ms on one thread, ~5 ms on two here).
 * GEMMs and the LSTM step loop measured no faster on two threads here.
 */
public final class Threads {
    private static volatile int intraOpThreads = Runtime.getRuntime().availableProcessors();

    private Threads() {
    }

    /** The threads one heavy operation may use: by default, the number of cores. */
    public static int intraOpThreads() {
        return intraOpThreads;
    }

    /** Sets the threads one heavy operation may use (at least 1). */
    public static void setIntraOpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("intra-op threads must be at least 1, got " + threads);
        }
        intraOpThreads = threads;
    }

    /** Executes {@code op} with {@link #intraOpThreads()} OpenMP threads on this thread, then restores the count. */
    public static void execParallel(CustomOp op) {
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int before = ops.ompGetMaxThreads();
        int threads = intraOpThreads;
        if (before == threads) {
            Nd4j.exec(op);
            return;
        }
        ops.setOmpNumThreads(threads);
        try {
            Nd4j.exec(op);
        } finally {
            ops.setOmpNumThreads(before);
        }
    }
}
