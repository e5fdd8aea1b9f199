package io.keras4j.utils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Expected values printed by NumPy 2.4 (src/test/python/utils_golden.py). */
class NumpyRandomStateTest {
    @Test
    void rawStreamMatchesNumpyLegacySeeding() {
        // numpy.random.MT19937()._legacy_seeding(5); [b.random_raw() for _ in range(3)]
        NumpyRandomState r = new NumpyRandomState(5);
        assertArrayEquals(new long[]{953453411L, 236996814L, 3739766767L},
                new long[]{r.nextUint32(), r.nextUint32(), r.nextUint32()});
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "113; 10; 9 3 6 1 0 7 4 8 2 5; 8 2 5",
        "113; 7; 1 3 0 6 2 4 5; 2 4 5",
        "0; 1000; 993 859 298 553 672 971 27 231 306 706; 629 559 684",
        "4294967295; 5; 4 1 0 2 3; 0 2 3"})
    void shuffleMatchesNumpy(long seed, int n, String head, String tail) {
        int[] a = new NumpyRandomState(seed).shuffledRange(n);
        assertArrayEquals(ints(head), Arrays.copyOf(a, Math.min(10, n)));
        assertArrayEquals(ints(tail), Arrays.copyOfRange(a, n - 3, n));
    }

    @Test
    void successiveShufflesContinueOneStream() {
        NumpyRandomState r = new NumpyRandomState(113);
        assertArrayEquals(new int[]{9, 3, 6, 1, 0, 7, 4, 8, 2, 5}, r.shuffledRange(10));
        assertArrayEquals(new int[]{5, 1, 0, 3, 6, 4, 2}, r.shuffledRange(7));
    }

    @Test
    void seedOutsideNumpysRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(-1));
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(1L << 32));
        assertEquals(0, new NumpyRandomState(0).shuffledRange(1)[0]);
    }

    private static int[] ints(String s) {
        return Arrays.stream(s.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
    }
}
