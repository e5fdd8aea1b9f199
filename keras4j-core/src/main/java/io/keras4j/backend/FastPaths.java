package io.keras4j.backend;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one switch in front of every host-memory fast path: CBLAS calls on an array's raw memory ({@link Blas}), heap
 * copies of array buffers written back in place (the fused LSTM, the convolution patch matrix, the Adam and RMSprop
 * update loops) and direct buffer reads ({@link #doubles}). They are correct only where an array's memory is host
 * memory, as on ND4J's CPU backend ({@code nd4j-native}); on any other backend (such as {@code nd4j-cuda}) every
 * fast path takes its generic path of plain ND4J ops, which gives the same results.
 *
 * <p>The system property {@code keras4j.fastPaths=false} turns them all off on the CPU backend too (the generic
 * path everywhere, e.g. to check it or to compare speeds); {@link #setEnabled} does the same at run time.
 */
public final class FastPaths {
    private static final boolean HOST_BACKEND = Nd4j.getEnvironment().isCPU();
    private static volatile boolean enabled = !"false".equalsIgnoreCase(System.getProperty("keras4j.fastPaths", "true"));

    private FastPaths() {
    }

    /** Whether the host-memory fast paths run: the backend keeps arrays in host memory and they are not turned off. */
    public static boolean enabled() {
        return enabled && HOST_BACKEND;
    }

    /**
     * Turns the host-memory fast paths on (the default, from {@code -Dkeras4j.fastPaths}) or off; on a backend
     * without host memory they stay off. Takes effect from the next call of a layer, loss or optimizer.
     */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /**
     * Whether the memory of these arrays may be read and written directly on the host: {@link #enabled()} and no
     * array is empty (an empty array has no buffer).
     */
    public static boolean hostMemory(INDArray... arrays) {
        if (!enabled()) {
            return false;
        }
        for (INDArray a : arrays) {
            if (a.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The values of {@code a} in C order as doubles: one read of its buffer on the fast path (a numeric or boolean
     * array dense in C order, possibly a view at an offset), otherwise a C-order float64 copy read back through ND4J
     * (which brings device memory to the host first).
     */
    public static double[] doubles(INDArray a) {
        DataType t = a.dataType();
        if ((t.isNumerical() || t == DataType.BOOL) && Layouts.isDenseC(a) && hostMemory(a)) {
            return a.data().getDoublesAt(0, (int) a.length());   // a view's buffer starts at the view's offset
        }
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
