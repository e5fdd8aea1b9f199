package io.keras4j.utils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expected arrays printed by keras.utils.pad_sequences (src/test/python/utils_golden.py). */
class PadSequencesTest {
    private static final List<int[]> SEQS = List.of(new int[]{1, 2, 3}, new int[]{4, 5}, new int[]{6, 7, 8, 9, 10}, new int[0]);

    static Stream<Arguments> kerasCases() {
        return Stream.of(
                Arguments.of(null, "int32", "pre", "pre", 0.0,
                        new double[][]{{0, 0, 1, 2, 3}, {0, 0, 0, 4, 5}, {6, 7, 8, 9, 10}, {0, 0, 0, 0, 0}}),
                Arguments.of(4, "int32", "pre", "pre", 0.0, new double[][]{{0, 1, 2, 3}, {0, 0, 4, 5}, {7, 8, 9, 10}, {0, 0, 0, 0}}),
                Arguments.of(4, "int32", "post", "pre", 0.0, new double[][]{{1, 2, 3, 0}, {4, 5, 0, 0}, {7, 8, 9, 10}, {0, 0, 0, 0}}),
                Arguments.of(4, "int32", "pre", "post", 0.0, new double[][]{{0, 1, 2, 3}, {0, 0, 4, 5}, {6, 7, 8, 9}, {0, 0, 0, 0}}),
                Arguments.of(2, "int32", "post", "post", -1.0, new double[][]{{1, 2}, {4, 5}, {6, 7}, {-1, -1}}),
                Arguments.of(3, "float32", "pre", "pre", 0.5, new double[][]{{1, 2, 3}, {0.5, 4, 5}, {8, 9, 10}, {0.5, 0.5, 0.5}}));
    }

    @ParameterizedTest
    @MethodSource("kerasCases")
    void matchesKeras(Integer maxlen, String dtype, String padding, String truncating, double value, double[][] expected) {
        INDArray out = Utils.padSequences(SEQS, maxlen, dtype, padding, truncating, value);
        assertEquals(dtype.equals("int32") ? DataType.INT32 : DataType.FLOAT, out.dataType());
        assertArrayEquals(new long[]{expected.length, expected[0].length}, out.shape());
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], out.getRow(i).castTo(DataType.DOUBLE).toDoubleVector(), 0.0);
        }
    }

    @Test
    void shortFormsUseKerasDefaults() {
        assertEquals(Utils.padSequences(SEQS, null, "int32", "pre", "pre", 0), Utils.padSequences(SEQS));
        assertEquals(Utils.padSequences(SEQS, 4, "int32", "pre", "pre", 0), Utils.padSequences(SEQS, 4));
    }

    @Test
    void integerDtypeTruncatesTheValueAsNumpyDoes() {
        assertEquals(1, Utils.padSequences(List.of(new int[0]), 1, "int64", "pre", "pre", 1.7).getLong(0, 0));
    }

    @Test
    void unknownPaddingAndTruncatingAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Utils.padSequences(SEQS, 3, "int32", "middle", "pre", 0));
        assertTrue(e.getMessage().contains("Padding type \"middle\" not understood"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Utils.padSequences(SEQS, 3, "int32", "pre", "both", 0));
        assertTrue(e.getMessage().contains("Truncating type \"both\" not understood"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Utils.padSequences(SEQS, -1, "int32", "pre", "pre", 0));
    }
}
