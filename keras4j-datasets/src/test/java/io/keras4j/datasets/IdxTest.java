package io.keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.saving.KerasFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class IdxTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {true, false})
    void readsGzippedAndRawSets(boolean gzip) {
        TrainTestData data = Idx.readSet(Fixtures.idxSet(dir, gzip, 9)).orElseThrow();
        assertArrayEquals(new long[] {3, 4, 5}, data.xTrain().shape());
        assertArrayEquals(new long[] {3}, data.yTrain().shape());
        assertArrayEquals(new long[] {2, 4, 5}, data.xTest().shape());
        assertArrayEquals(new long[] {2}, data.yTest().shape());
        assertEquals(DataType.UBYTE, data.xTrain().dataType());
        assertEquals(DataType.UBYTE, data.yTrain().dataType());
        assertEquals(255, data.xTrain().getInt(0, 0, 0));
        assertEquals(254, data.xTrain().getInt(0, 0, 1));
        assertEquals(255 - 25, data.xTrain().getInt(1, 1, 0));
        assertArrayEquals(new long[] {9, 1, 2}, data.yTrain().castTo(DataType.LONG).toLongVector());
    }

    @Test
    void keepsEveryByteValue() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        INDArray array = Idx.uint8(all, 16, 16);
        assertEquals(255, array.getInt(15, 15));
        assertEquals(128, array.getInt(8, 0));
        assertEquals(255.0, array.maxNumber().doubleValue());
    }

    @Test
    void missingFileMeansNotHere() throws Exception {
        Fixtures.idxSet(dir, true, 1);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertTrue(Idx.readSet(dir).isEmpty());
    }

    @Test
    void rejectsWrongMagicNumber() {
        Fixtures.write(dir, "labels", Fixtures.labels(3, 1), true);
        Path file = dir.resolve("labels.gz");
        KerasFormatException e = assertThrows(KerasFormatException.class, () -> Idx.read(file, Idx.IMAGES_MAGIC));
        assertEquals(file + ": wrong magic number: expected 2051, got 2049", e.getMessage());
    }

    @Test
    void rejectsTruncatedRawFile() {
        byte[] images = Fixtures.images(3);
        Fixtures.write(dir, "images", Arrays.copyOf(images, images.length - 7), false);
        Path file = dir.resolve("images");
        KerasFormatException e = assertThrows(KerasFormatException.class, () -> Idx.read(file, Idx.IMAGES_MAGIC));
        assertTrue(e.getMessage().startsWith(file + ": truncated: expected 60 bytes"), e.getMessage());
        assertTrue(e.getMessage().endsWith("got 53"), e.getMessage());
    }

    @Test
    void rejectsTruncatedGzipStream() throws Exception {
        byte[] gz = Fixtures.gzip(Fixtures.images(3));
        Files.write(dir.resolve("images.gz"), Arrays.copyOf(gz, gz.length - 12));
        Path file = dir.resolve("images.gz");
        KerasFormatException e = assertThrows(KerasFormatException.class, () -> Idx.read(file, Idx.IMAGES_MAGIC));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    }

    @Test
    void rejectsTrailingDataAndHostileDimensions() {
        byte[] images = Fixtures.images(1);
        Fixtures.write(dir, "long", Arrays.copyOf(images, images.length + 1), false);
        KerasFormatException extra = assertThrows(KerasFormatException.class,
                () -> Idx.read(dir.resolve("long"), Idx.IMAGES_MAGIC));
        assertTrue(extra.getMessage().contains("more data than the 20 bytes"), extra.getMessage());
        byte[] huge = Arrays.copyOf(images, 16);
        huge[4] = (byte) 0x7f; // 2^31 images declared in a 16-byte file
        Fixtures.write(dir, "huge", huge, false);
        KerasFormatException big = assertThrows(KerasFormatException.class,
                () -> Idx.read(dir.resolve("huge"), Idx.IMAGES_MAGIC));
        assertTrue(big.getMessage().contains("too large"), big.getMessage());
    }

    @Test
    void rejectsImageAndLabelCountsThatDiffer() {
        Fixtures.idxSet(dir, false, 1);
        Fixtures.write(dir, "train-labels-idx1-ubyte", Fixtures.labels(2, 1), false);
        KerasFormatException e = assertThrows(KerasFormatException.class, () -> Idx.readSet(dir));
        assertTrue(e.getMessage().contains("holds 2 labels but train-images-idx3-ubyte holds 3 images"),
                e.getMessage());
    }
}
