package io.keras4j.saving;

import static io.keras4j.saving.NpyFixtures.dict;
import static io.keras4j.saving.NpyFixtures.doubles;
import static io.keras4j.saving.NpyFixtures.floats;
import static io.keras4j.saving.NpyFixtures.ints;
import static io.keras4j.saving.NpyFixtures.npy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpyTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE", "HALF", "BYTE", "SHORT", "INT", "LONG", "UBYTE",
        "UINT16", "UINT32", "UINT64", "BOOL"})
    void roundTripsEveryDtype(DataType type) {
        double[] values = type == DataType.BOOL ? new double[] {0, 1, 1, 0, 1, 0} : new double[] {0, 1, 2, 3, 100, 127};
        INDArray array = Nd4j.createFromArray(values).reshape(2, 3).castTo(type);
        Path file = dir.resolve("a.npy");
        Npy.write(file, array);
        INDArray back = Npy.read(file);
        assertEquals(type, back.dataType());
        assertArrayEquals(new long[] {2, 3}, back.shape());
        assertEquals('c', back.ordering());
        assertArrayEquals(values, back.castTo(DataType.DOUBLE).data().asDouble());
    }

    @ParameterizedTest
    @MethodSource("extremes")
    void keepsExtremeValues(DataType type, double value) {
        INDArray array = Nd4j.createFromArray(value, 0.0).castTo(type);
        Path file = dir.resolve("x.npy");
        Npy.write(file, array);
        assertEquals(value, Npy.read(file).getDouble(0));
    }

    static Stream<Arguments> extremes() {
        return Stream.of(Arguments.of(DataType.UBYTE, 255.0), Arguments.of(DataType.UINT16, 65535.0),
                Arguments.of(DataType.UINT32, 4294967295.0), Arguments.of(DataType.BYTE, -128.0),
                Arguments.of(DataType.LONG, -9.0e15), Arguments.of(DataType.HALF, 65504.0));
    }

    @Test
    void writesNumpysHeaderAlignedTo64Bytes() throws Exception {
        Path file = dir.resolve("h.npy");
        Npy.write(file, Nd4j.zeros(DataType.FLOAT, 2, 3));
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLength) % 64);
        assertEquals(10 + headerLength + 24, bytes.length);
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), header);
        assertTrue(header.endsWith("\n"));
    }

    @Test
    void writesViewsAndFortranArraysInCOrder() {
        INDArray base = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Path file = dir.resolve("t.npy");
        Npy.write(file, base.transpose());
        assertEquals(base.transpose(), Npy.read(file));
        Npy.write(file, base.dup('f'));
        assertEquals(base, Npy.read(file));
        Npy.write(file, base.getRow(1));
        assertEquals(Nd4j.createFromArray(4f, 5f, 6f), Npy.read(file));
    }

    @Test
    void roundTripsScalarAndZeroSizeArrays() {
        Path file = dir.resolve("s.npy");
        Npy.write(file, Nd4j.scalar(3.5f));
        INDArray scalar = Npy.read(file);
        assertEquals(0, scalar.rank());
        assertEquals(3.5f, scalar.getFloat(0));
        Npy.write(file, Nd4j.create(DataType.INT, 0, 3));
        INDArray empty = Npy.read(file);
        assertArrayEquals(new long[] {0, 3}, empty.shape());
        assertEquals(DataType.INT, empty.dataType());
    }

    @Test
    void writesToAStreamWithoutClosingIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        INDArray array = Nd4j.createFromArray(1.5, -2.5);
        Npy.write(out, array);
        Npy.write(out, array);
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        assertEquals(array, Npy.read(in, "first"));
        assertEquals(array, Npy.read(in, "second"));
    }

    @Test
    void readsFortranOrder() {
        byte[] file = npy(dict("<f8", true, "(2, 3)"), doubles(ByteOrder.LITTLE_ENDIAN, 1, 4, 2, 5, 3, 6));
        INDArray array = read(file);
        assertEquals(Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}), array);
        assertEquals('c', array.ordering());
    }

    @Test
    void readsFortranOrderRank3() {
        // np.arange(24).reshape(2, 3, 4) saved with order='F': element [i,j,k] at i + 2*j + 6*k.
        int[] data = new int[24];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    data[i + 2 * j + 6 * k] = 12 * i + 4 * j + k;
                }
            }
        }
        INDArray array = read(npy(dict("<i4", true, "(2, 3, 4)"), ints(ByteOrder.LITTLE_ENDIAN, data)));
        assertEquals(Nd4j.arange(24).castTo(DataType.INT).reshape(2, 3, 4), array);
    }

    @Test
    void readsBigEndian() {
        INDArray ints = read(npy(dict(">i4", false, "(3,)"), ints(ByteOrder.BIG_ENDIAN, 1, -2, 70000)));
        assertEquals(Nd4j.createFromArray(1, -2, 70000), ints);
        INDArray doubles = read(npy(dict(">f8", false, "(2,)"), doubles(ByteOrder.BIG_ENDIAN, 0.25, -1e300)));
        assertEquals(Nd4j.createFromArray(0.25, -1e300), doubles);
        INDArray shorts = read(npy(dict(">u2", false, "(2,)"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}));
        assertEquals(DataType.UINT16, shorts.dataType());
        assertArrayEquals(new long[] {65534, 1}, shorts.data().asLong());
    }

    @Test
    void readsVersions2And3AndPython2Longs() {
        byte[] data = floats(1, 2, 3, 4);
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}}),
                read(npy(2, dict("<f4", false, "(2, 2)"), data)));
        assertEquals(Nd4j.createFromArray(1f, 2f, 3f, 4f), read(npy(3, dict("<f4", false, "(4,)"), data)));
        assertArrayEquals(new long[] {2, 2}, read(npy(dict("<f4", false, "(2L, 2L)"), data)).shape());
        String reordered = "{\"shape\": (4,), \"fortran_order\": False, \"descr\": \"<f4\"}";
        assertEquals(Nd4j.createFromArray(1f, 2f, 3f, 4f), read(npy(reordered, data)));
    }

    @Test
    void readsBoolsAndScalars() {
        INDArray bools = read(npy(dict("|b1", false, "(3,)"), new byte[] {1, 0, 1}));
        assertEquals(Nd4j.createFromArray(true, false, true), bools);
        INDArray scalar = read(npy(dict("<i8", false, "()"), new byte[] {42, 0, 0, 0, 0, 0, 0, 0}));
        assertEquals(0, scalar.rank());
        assertEquals(42L, scalar.getLong(0));
        assertArrayEquals(new long[] {3, 0}, read(npy(dict("<f4", false, "(3, 0)"), new byte[0])).shape());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptFiles")
    void rejectsCorruptFilesNamingThem(String label, byte[] content, String problem) throws Exception {
        Path file = dir.resolve(label + ".npy");
        Files.write(file, content);
        KerasFormatException e = assertThrows(KerasFormatException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    static Stream<Arguments> corruptFiles() {
        byte[] twelve = new byte[12];
        byte[] good = npy(dict("<f4", false, "(3,)"), twelve);
        return Stream.of(
                Arguments.of("empty", new byte[0], "truncated"),
                Arguments.of("badMagic", "PK\u0003\u0004 not numpy".getBytes(StandardCharsets.ISO_8859_1), "bad magic"),
                Arguments.of("version9", withByte(good, 6, 9), "version 9.0"),
                Arguments.of("truncatedHeader", Arrays.copyOf(good, 30), "truncated"),
                Arguments.of("truncatedData", Arrays.copyOf(good, good.length - 1), "needs 12 data bytes, only 11"),
                Arguments.of("hugeShape", npy(dict("<f4", false, "(100000000000,)"), twelve), "needs 400000000000"),
                Arguments.of("overflow", npy(dict("<f8", false, "(4294967296, 4294967296)"), twelve), "overflows"),
                Arguments.of("tooBigForLong", npy(dict("<f4", false, "(99999999999999999999,)"), twelve),
                        "bad dimension"),
                Arguments.of("negative", npy(dict("<f4", false, "(-3,)"), twelve), "negative dimension -3"),
                Arguments.of("object", npy(dict("|O", false, "(3,)"), twelve), "object arrays"),
                Arguments.of("complex", npy(dict("<c8", false, "(3,)"), twelve), "unsupported dtype '<c8'"),
                Arguments.of("structured", npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (3,), }",
                        twelve), "structured"),
                Arguments.of("missingKey", npy("{'descr': '<f4', 'shape': (3,), }", twelve), "exactly the keys"),
                Arguments.of("badSyntax", npy("{'descr': '<f4' 'fortran_order': False}", twelve), "bad header dict"),
                Arguments.of("unterminated", npy("{'descr: <f4, ", twelve), "bad header dict"),
                Arguments.of("badFortran", npy("{'descr': '<f4', 'fortran_order': 'yes', 'shape': (3,), }", twelve),
                        "fortran_order"),
                Arguments.of("rank40", npy(dict("<f4", false, "(" + "1, ".repeat(40) + ")"), twelve), "rank 40"));
    }

    @Test
    void rejectsHostileSizesInStreamsWithoutAllocating() {
        byte[] fourGigabytes = npy(dict("<f4", false, "(1000000000,)"), new byte[12]);
        KerasFormatException big = assertThrows(KerasFormatException.class,
                () -> Npy.read(new ByteArrayInputStream(fourGigabytes), "stream.npy"));
        assertTrue(big.getMessage().startsWith("stream.npy: "), big.getMessage());
        byte[] hundredMegabytes = npy(dict("<f4", false, "(25000000,)"), new byte[12]);
        KerasFormatException truncated = assertThrows(KerasFormatException.class,
                () -> Npy.read(new ByteArrayInputStream(hundredMegabytes), "stream.npy"));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
    }

    @Test
    void rejectsDtypesNumpyCannotHold() {
        INDArray utf8 = Nd4j.create("a", "b");
        Path file = dir.resolve("u.npy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.write(file, utf8));
        assertTrue(e.getMessage().contains("UTF8"), e.getMessage());
        assertTrue(Files.notExists(file));
    }

    private static byte[] withByte(byte[] bytes, int index, int value) {
        byte[] copy = bytes.clone();
        copy[index] = (byte) value;
        return copy;
    }

    private static INDArray read(byte[] npy) {
        return Npy.read(new ByteArrayInputStream(npy), "fixture.npy");
    }
}
