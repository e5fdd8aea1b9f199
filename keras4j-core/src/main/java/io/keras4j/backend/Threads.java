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
 *
 * <p>Thread policy: unless the user chose one, keras4j applies what {@code OMP_NUM_THREADS=1} in the environment
 * would, at its first {@code fit}, {@code evaluate} or {@code predict} ({@link #applyPolicy}): libnd4j's
 * {@code maxThreads}/{@code maxMasterThreads} and OpenBLAS's threads to 1, and OpenMP's thread count of each calling
 * thread to 1. The user chooses by setting {@code OMP_NUM_THREADS} (then keras4j changes nothing) or the system
 * property {@code keras4j.ompThreads} (then that count is applied instead of 1, e.g. {@code -Dkeras4j.ompThreads=2}).
 */
public final class Threads {
    /** The system property that sets the thread count keras4j applies; see {@link #applyPolicy}. */
    public static final String OMP_THREADS_PROPERTY = "keras4j.ompThreads";

    private static volatile int intraOpThreads = Runtime.getRuntime().availableProcessors();
    private static final int POLICY = policyThreads(System.getenv("OMP_NUM_THREADS"), System.getProperty(OMP_THREADS_PROPERTY));
    private static final ThreadLocal<Boolean> APPLIED = new ThreadLocal<>();
    private static volatile boolean processApplied;

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

    /**
     * The thread count keras4j applies given the environment's {@code OMP_NUM_THREADS} and the
     * {@code keras4j.ompThreads} property (null when unset): the property's count, else 0 (change nothing) when the
     * environment sets one, else 1.
     */
    static int policyThreads(String ompNumThreads, String property) {
        if (property != null && !property.isBlank()) {
            try {
                int n = Integer.parseInt(property.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("system property " + OMP_THREADS_PROPERTY
                    + " must be a thread count of at least 1, got '" + property + "'");
        }
        return ompNumThreads != null && !ompNumThreads.isBlank() ? 0 : 1;
    }

    /**
     * The thread count the policy applies, or 0 when the user set {@code OMP_NUM_THREADS} and keras4j leaves the
     * threads alone.
     */
    public static int policyThreads() {
        return POLICY;
    }

    /**
     * Applies the thread policy on the calling thread (cheap after the first call on a thread): the first call in the
     * process sets libnd4j's and OpenBLAS's thread counts, each thread's first call sets its OpenMP thread count.
     * {@code fit}, {@code evaluate} and {@code predict} call it; call it yourself before running ND4J ops of your
     * own on a new thread.
     */
    public static void applyPolicy() {
        if (POLICY == 0 || APPLIED.get() != null) {
            return;
        }
        apply(POLICY);
        APPLIED.set(Boolean.TRUE);
    }

    /** Sets the process's thread counts (once) and the calling thread's OpenMP count to {@code threads}. */
    static void apply(int threads) {
        if (!processApplied) {
            synchronized (Threads.class) {
                if (!processApplied) {
                    Nd4j.getEnvironment().setMaxThreads(threads);
                    Nd4j.getEnvironment().setMaxMasterThreads(threads);
                    Nd4j.factory().blas().setMaxThreads(threads);
                    processApplied = true;
                }
            }
        }
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
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
