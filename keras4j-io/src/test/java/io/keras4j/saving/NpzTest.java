package io.keras4j.saving;

import static io.keras4j.saving.NpyFixtures.dict;
import static io.keras4j.saving.NpyFixtures.npy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpzTest {
    @TempDir
    Path dir;

    @Test
    void readsArchiveWrittenByNumpy() {
        Path file = SharedData.file("keras/k3/mlp_mnist_small_io.npz");
        LinkedHashMap<String, INDArray> arrays = Npz.read(file);
        assertEquals(List.of("x0", "y0"), List.copyOf(arrays.keySet()));
        INDArray x = arrays.get("x0");
        INDArray y = arrays.get("y0");
        assertEquals(DataType.FLOAT, x.dataType());
        assertArrayEquals(new long[] {4, 784}, x.shape());
        assertEquals(-1.251864f, x.getFloat(0, 150), 1e-6f);
        assertArrayEquals(new long[] {4, 10}, y.shape());
        INDArray rowSums = y.sum(1);
        for (int i = 0; i < 4; i++) {
            assertEquals(1.0, rowSums.getDouble(i), 1e-5);
        }
    }

    @Test
    void roundTripsStoredAndDeflatedInOrder() throws Exception {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("zeta", Nd4j.rand(DataType.FLOAT, 10, 100));
        arrays.put("alpha", Nd4j.createFromArray(1L, -2L, 3L));
        arrays.put("mid", Nd4j.createFromArray(200.0, 255.0).castTo(DataType.UBYTE));
        arrays.put("scalar", Nd4j.scalar(2.5));
        Path stored = dir.resolve("s.npz");
        Path deflated = dir.resolve("d.npz");
        Npz.write(stored, arrays);
        Npz.writeCompressed(deflated, arrays);
        assertEquals(arrays, Npz.read(stored));
        assertEquals(arrays, Npz.read(deflated));
        assertEquals(List.copyOf(arrays.keySet()), List.copyOf(Npz.read(deflated).keySet()));
        assertEquals(ZipEntry.STORED, method(stored));
        assertEquals(ZipEntry.DEFLATED, method(deflated));
        assertTrue(Files.size(deflated) < Files.size(stored));
    }

    @Test
    void rejectsFilesThatAreNotZipArchives() throws Exception {
        Path file = dir.resolve("plain.npz");
        Files.write(file, npy(dict("<f4", false, "(1,)"), new byte[4]));
        KerasFormatException e = assertThrows(KerasFormatException.class, () -> Npz.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not a .npz archive"), e.getMessage());
    }

    @Test
    void rejectsTruncatedArchives() throws Exception {
        Path good = dir.resolve("good.npz");
        Npz.write(good, Map.of("a", Nd4j.zeros(DataType.FLOAT, 100)));
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.npz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        KerasFormatException e = assertThrows(KerasFormatException.class, () -> Npz.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    }

    @Test
    void namesTheEntryOfACorruptArray() throws Exception {
        Path file = dir.resolve("bad.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("w.npy"));
            zip.write(npy(dict("|O", false, "(2,)"), new byte[16]));
            zip.closeEntry();
        }
        KerasFormatException e = assertThrows(KerasFormatException.class, () -> Npz.read(file));
        assertTrue(e.getMessage().startsWith(file + " [w.npy]: object arrays"), e.getMessage());
    }

    @Test
    void rejectsEntriesThatAreNotArrays() throws Exception {
        Path file = dir.resolve("other.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("notes.txt"));
            zip.write(new byte[] {'h', 'i'});
            zip.closeEntry();
        }
        KerasFormatException e = assertThrows(KerasFormatException.class, () -> Npz.read(file));
        assertTrue(e.getMessage().contains("'notes.txt' is not a .npy array"), e.getMessage());
    }

    @Test
    void keepsTheOldFileWhenAnArrayFailsMidway() throws Exception {
        Path file = dir.resolve("model.npz");
        Map<String, INDArray> good = Map.of("w", Nd4j.createFromArray(1f, 2f));
        Npz.write(file, good);
        byte[] before = Files.readAllBytes(file);
        INDArray failing = mock(INDArray.class);
        when(failing.dataType()).thenReturn(DataType.FLOAT);
        when(failing.shape()).thenReturn(new long[] {1000});
        when(failing.length()).thenReturn(1000L);
        when(failing.ordering()).thenReturn('c');
        when(failing.data()).thenThrow(new IllegalStateException("simulated failure"));
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("first", Nd4j.ones(DataType.DOUBLE, 5000));
        arrays.put("second", failing);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Npz.writeCompressed(file, arrays));
        assertEquals("simulated failure", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(good, Npz.read(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void rejectsBadArgumentsBeforeTouchingTheFile() {
        Path file = dir.resolve("never.npz");
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("ok", Nd4j.ones(2));
        arrays.put("", Nd4j.ones(2));
        assertThrows(IllegalArgumentException.class, () -> Npz.write(file, arrays));
        assertThrows(IllegalArgumentException.class, () -> Npz.write(file, Map.of("s", Nd4j.create("text"))));
        assertTrue(Files.notExists(file));
    }

    private static int method(Path file) throws Exception {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.entries().nextElement().getMethod();
        }
    }

}
