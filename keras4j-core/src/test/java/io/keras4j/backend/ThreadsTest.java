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
    void policyAppliesOneThreadOnlyWhenTheUserSetNothing() {
        assertEquals(1, Threads.policyThreads(null, null));
        assertEquals(0, Threads.policyThreads("1", null));
        assertEquals(0, Threads.policyThreads("4", null));
        assertEquals(2, Threads.policyThreads(null, "2"));
        assertEquals(3, Threads.policyThreads("1", " 3 "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Threads.policyThreads(null, "two"));
        assertTrue(e.getMessage().contains("keras4j.ompThreads") && e.getMessage().contains("two"), e.getMessage());
        // this JVM: surefire sets OMP_NUM_THREADS, so keras4j leaves the threads alone
        int expected = System.getProperty(Threads.OMP_THREADS_PROPERTY) != null
                ? Integer.parseInt(System.getProperty(Threads.OMP_THREADS_PROPERTY))
                : System.getenv("OMP_NUM_THREADS") == null ? 1 : 0;
        assertEquals(expected, Threads.policyThreads());
    }

    @Test
    void applyingThePolicySetsLibnd4jOpenBlasAndTheCallingThreadsOpenMpCount() throws Exception {
        Nd4j.getEnvironment(); // loads the backend before NativeOpsHolder is touched
        var ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int[] seen = new int[2];
        Thread t = new Thread(() -> {
            ops.setOmpNumThreads(4);
            seen[0] = ops.ompGetMaxThreads();
            Threads.apply(1);
            seen[1] = ops.ompGetMaxThreads();
        });
        t.start();
        t.join();
        assertEquals(4, seen[0]);
        assertEquals(1, seen[1]);
        assertEquals(1, Nd4j.getEnvironment().maxThreads());
        assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
        assertEquals(1, Nd4j.factory().blas().getMaxThreads());
    }

    @Test
    void fewerThanOneThreadIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Threads.setIntraOpThreads(0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }
}
