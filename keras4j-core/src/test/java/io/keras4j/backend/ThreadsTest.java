package io.keras4j.backend;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Threads.parallelRows splits rows into blocks that cover each row once, on several threads, and reports failures. */
class ThreadsTest {
    private int saved;

    @BeforeEach
    void fourThreads() {
        saved = Threads.intraOpThreads();
        Threads.setIntraOpThreads(4);
    }

    @AfterEach
    void restore() {
        Threads.setIntraOpThreads(saved);
    }

    @Test
    void blocksCoverEveryRowOnceOnSeveralThreads() {
        AtomicIntegerArray hits = new AtomicIntegerArray(103);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Set<Integer> sizes = ConcurrentHashMap.newKeySet();
        Threads.parallelRows(103, 16, (from, to) -> {
            threads.add(Thread.currentThread());
            sizes.add(to - from);
            for (int r = from; r < to; r++) {
                hits.incrementAndGet(r);
            }
        });
        for (int r = 0; r < 103; r++) {
            assertEquals(1, hits.get(r), "row " + r);
        }
        assertTrue(threads.contains(Thread.currentThread()) && threads.size() >= 2, threads.toString());
        assertTrue(sizes.stream().allMatch(s -> s == 25 || s == 26), sizes.toString());
    }

    @Test
    void fewRowsStayOnTheCallingThread() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Threads.parallelRows(20, 16, (from, to) -> {
            threads.add(Thread.currentThread().getName());
            assertEquals(0, from);
            assertEquals(20, to);
        });
        assertEquals(Set.of(Thread.currentThread().getName()), threads);
    }

    @Test
    void aFailureInAnyBlockIsRethrown() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Threads.parallelRows(64, 16, (from, to) -> {
            if (from > 0) {
                throw new IllegalStateException("block " + from);
            }
        }));
        assertTrue(e.getMessage().startsWith("block "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Threads.setIntraOpThreads(0));
    }
}
