package io.keras4j.backend;

import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Intra-op parallelism, as TensorFlow's {@code intra_op_parallelism_threads}: how many threads one heavy operation
 * may use (by default, the number of cores). The many small element-wise ops and GEMMs of a training step run
 * fastest on one OpenMP thread ({@code OMP_NUM_THREADS=1}, see the README), so parallelism is applied where it pays:
 * <ul>
 *   <li>{@link #execParallel}: ND4J ops on oneDNN kernels (convolution, pooling, batch normalization) run with this
 *   many OpenMP threads, the caller's count restored after (mnist_convnet's conv2d_bp: 9.2 ms on one thread, ~5 ms
 *   on two here);</li>
 *   <li>{@link #parallelRows}: host-side kernels split independent rows (e.g. the batch of an LSTM) across threads.</li>
 * </ul>
 */
public final class Threads {
    private static volatile int intraOpThreads = Runtime.getRuntime().availableProcessors();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "keras4j-intra-op");
        t.setDaemon(true);
        return t;
    });

    /** A body run on rows {@code [from, to)}. */
    @FunctionalInterface
    public interface RowRange {
        void run(int from, int to);
    }

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

    /**
     * Runs {@code body} on {@code rows} rows split into at most {@link #intraOpThreads()} contiguous blocks of at least
     * {@code minRows} rows, one block on the calling thread and the others on pool threads, and returns when all are
     * done (rethrowing the first failure). The blocks must touch disjoint memory.
     */
    public static void parallelRows(int rows, int minRows, RowRange body) {
        int blocks = Math.max(1, Math.min(intraOpThreads, rows / Math.max(1, minRows)));
        if (blocks == 1) {
            body.run(0, rows);
            return;
        }
        Future<?>[] others = new Future<?>[blocks - 1];
        for (int i = 1; i < blocks; i++) {
            int from = (int) ((long) rows * i / blocks);
            int to = (int) ((long) rows * (i + 1) / blocks);
            others[i - 1] = POOL.submit(() -> body.run(from, to));
        }
        Throwable failure = null;
        try {
            body.run(0, (int) ((long) rows / blocks));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
            } catch (java.util.concurrent.ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException("parallel rows interrupted", failure);
        }
    }
}
