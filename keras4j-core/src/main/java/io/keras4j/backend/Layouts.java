package io.keras4j.backend;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * Memory layout checks that spare copies, and host access to an array's memory. ND4J's own {@code Shape.hasDefaultStridesForShape} answers false for any
 * shape with an axis of size 1 (such as the (batch, 28, 28, 1) images of MNIST), which cost a copy per call.
 */
public final class Layouts {
    private Layouts() {
    }

    /**
     * Whether {@code a} lies in memory as a dense C-order array (possibly at an offset in a larger buffer): every axis
     * longer than 1 has the stride of a C-order array of its shape. Axes of size 1 may have any stride.
     */
    public static boolean isDenseC(INDArray a) {
        long expected = 1;
        for (int i = a.rank() - 1; i >= 0; i--) {
            long size = a.size(i);
            if (size != 1 && a.stride(i) != expected) {
                return false;
            }
            expected *= size;
        }
        return true;
    }

    /**
     * The memory of a float32 array as a buffer whose index 0 is the array's first element (for a view, the element at
     * its offset); the elements follow in C order when {@link #isDenseC} holds. Host memory only: callers check
     * {@link FastPaths#hostMemory} (writes through it are not seen by a device copy of the array).
     */
    public static FloatBuffer floats(INDArray a) {
        FloatBuffer f = a.data().asNioFloat();
        f.position((int) a.offset());
        return f.slice();
    }
}
