package io.keras4j.backend;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Threads.execParallel runs the op and restores the caller's OpenMP thread count; bad settings are refused. */
class ThreadsTest {
    @Test
    void execParallelRunsTheOpAndRestoresTheThreadCount() {
        int saved = Threads.intraOpThreads();
        var ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int before = ops.ompGetMaxThreads();
        Threads.setIntraOpThreads(before + 1);
        try {
            INDArray a = Nd4j.createFromArray(1f, 2f, 3f);
            INDArray out = Nd4j.create(DataType.FLOAT, 3);
            Threads.execParallel(DynamicCustomOp.builder("add").addInputs(a, a).addOutputs(out).build());
            assertEquals(Nd4j.createFromArray(2f, 4f, 6f), out);
            assertEquals(before, ops.ompGetMaxThreads());
        } finally {
            Threads.setIntraOpThreads(saved);
        }
    }

    @Test
    void fewerThanOneThreadIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Threads.setIntraOpThreads(0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }
}
