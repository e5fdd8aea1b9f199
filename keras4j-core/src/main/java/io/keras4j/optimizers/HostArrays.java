package io.keras4j.optimizers;

import io.keras4j.backend.FastPaths;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * When an update step may run as one Java loop over the arrays' native memory: float32, C order, not a view,
 * whole buffer (then index i of the buffer is element i of the array), in host memory ({@link FastPaths}).
 */
final class HostArrays {
    private HostArrays() {
    }

    static boolean floatContiguous(INDArray... arrays) {
        if (!FastPaths.hostMemory(arrays)) {
            return false;
        }
        long n = arrays[0].length();
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.isView() || a.length() != n
                    || a.data().length() != n || a.offset() != 0) {
                return false;
            }
        }
        return true;
    }
}
