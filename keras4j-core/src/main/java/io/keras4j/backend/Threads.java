package io.keras4j.backend;

import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The OpenMP threads of ND4J's heavy native ops. Convolutions, pooling and batch normalization run on oneDNN
 * kernels that scale with cores (mnist_convnet's conv2d_bp: 9.2 ms on one thread, 5 ms on two here), while
 * the many small element-wise ops and GEMMs of a training step run fastest on one OpenMP thread
 * ({@code OMP_NUM_THREADS=1}, see the README). {@link #execParallel} runs one op with
 * {@link #convolutionThreads()} threads and restores the caller's count, so both hold at once.
 */
public final class Threads {
    private static volatile int convolutionThreads = Runtime.getRuntime().availableProcessors();

    private Threads() {
    }

    /** The OpenMP threads of the ops run through {@link #execParallel}: by default, the number of cores. */
    public static int convolutionThreads() {
        return convolutionThreads;
    }

    /** Sets the OpenMP threads of convolution, pooling and batch-normalization ops (at least 1). */
    public static void setConvolutionThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("convolution threads must be at least 1, got " + threads);
        }
        convolutionThreads = threads;
    }

    /** Executes {@code op} with {@link #convolutionThreads()} OpenMP threads on this thread, then restores the count. */
    public static void execParallel(CustomOp op) {
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int before = ops.ompGetMaxThreads();
        int threads = convolutionThreads;
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
