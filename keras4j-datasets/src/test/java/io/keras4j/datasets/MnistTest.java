package io.keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.datasets.DatasetFiles.Remote;
import io.keras4j.saving.KerasFormatException;
import io.keras4j.saving.Npz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class MnistTest {
    /** Never contacted: the tests that must not download point here. */
    private static final List<Remote> NOWHERE = List.of(Remote.of("http://127.0.0.1:9/", Mnist.NPZ, "0"));

    @TempDir
    Path tmp;

    @Test
    void loadsKerasNpzFromADirectory() {
        Fixtures.mnistNpz(tmp, 4);
        TrainTestData data = Mnist.loadData(tmp);
        assertArrayEquals(new long[] {3, 4, 5}, data.xTrain().shape());
        assertArrayEquals(new long[] {2}, data.yTest().shape());
        assertEquals(DataType.UBYTE, data.xTest().dataType());
        assertEquals(4, data.yTrain().getInt(0));
        assertEquals(255, data.xTrain().getInt(0, 0, 0));
    }

    @Test
    void loadsIdxFilesFromADirectory() {
        TrainTestData data = Mnist.loadData(Fixtures.idxSet(tmp, true, 6));
        assertEquals(6, data.yTrain().getInt(0));
        assertArrayEquals(new long[] {2, 4, 5}, data.xTest().shape());
    }

    @Test
    void explicitDirectoryWithoutFilesSaysWhatItExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mnist.loadData(tmp));
        assertTrue(e.getMessage().startsWith(tmp + ": no MNIST files: expected mnist.npz or train-images-idx3-ubyte"),
                e.getMessage());
    }

    @Test
    void rejectsNpzWithWrongContentNamingTheFile() {
        Npz.write(tmp.resolve("mnist.npz"), Map.of("x_train", Nd4j.zeros(DataType.FLOAT, 2, 28, 28)));
        KerasFormatException e = assertThrows(KerasFormatException.class, () -> Mnist.loadData(tmp));
        assertTrue(e.getMessage().startsWith(tmp.resolve("mnist.npz") + ": "), e.getMessage());
    }

    @Test
    void searchesRootThenKeras4jCacheThenKerasCache() throws Exception {
        Path home = tmp.resolve("home");
        Path root = tmp.resolve("root");
        Path inRoot = Fixtures.mnistNpz(root.resolve("mnist"), 1);
        Path inCache = Fixtures.mnistNpz(home.resolve(".keras4j/datasets/mnist"), 2);
        Fixtures.mnistNpz(home.resolve(".keras/datasets"), 3);
        DatasetFiles files = new DatasetFiles(home, root);
        assertEquals(1, Mnist.load(files, NOWHERE).yTrain().getInt(0));
        Files.delete(inRoot);
        assertEquals(2, Mnist.load(files, NOWHERE).yTrain().getInt(0));
        Files.delete(inCache);
        assertEquals(3, Mnist.load(files, NOWHERE).yTrain().getInt(0));
        assertEquals(3, Mnist.load(new DatasetFiles(home, null), NOWHERE).yTrain().getInt(0));
    }

    @Test
    void systemPropertiesChooseRootAndHome() {
        Fixtures.idxSet(tmp.resolve("root/mnist"), false, 8);
        String oldRoot = System.getProperty(DatasetFiles.ROOT_PROPERTY);
        String oldHome = System.getProperty(DatasetFiles.HOME_PROPERTY);
        try {
            System.setProperty(DatasetFiles.ROOT_PROPERTY, tmp.resolve("root").toString());
            System.setProperty(DatasetFiles.HOME_PROPERTY, tmp.resolve("home").toString());
            assertEquals(tmp.resolve("home"), DatasetFiles.fromSystem().home());
            assertEquals(8, Mnist.loadData().yTrain().getInt(0));
        } finally {
            restore(DatasetFiles.ROOT_PROPERTY, oldRoot);
            restore(DatasetFiles.HOME_PROPERTY, oldHome);
        }
    }

    @Test
    void downloadsVerifiesAndCaches() throws Exception {
        byte[] npz = Files.readAllBytes(Fixtures.mnistNpz(tmp.resolve("served"), 5));
        Path home = tmp.resolve("home");
        DatasetFiles files = new DatasetFiles(home, null);
        try (FileServer server = new FileServer(Map.of(Mnist.NPZ, npz))) {
            List<Remote> remote = List.of(Remote.of(server.baseUrl(), Mnist.NPZ, Fixtures.sha256(npz)));
            assertEquals(5, Mnist.load(files, remote).yTrain().getInt(0));
        }
        Path cached = home.resolve(".keras4j/datasets/mnist/mnist.npz");
        assertArrayEquals(npz, Files.readAllBytes(cached));
        assertEquals(5, Mnist.load(files, NOWHERE).yTrain().getInt(0)); // server gone: served from the cache
    }

    @Test
    void badChecksumLeavesNothingInTheCacheAndListsEveryPlace() throws Exception {
        byte[] npz = Files.readAllBytes(Fixtures.mnistNpz(tmp.resolve("served"), 5));
        Path home = tmp.resolve("home");
        Path root = tmp.resolve("root");
        try (FileServer server = new FileServer(Map.of(Mnist.NPZ, npz))) {
            List<Remote> remote = List.of(Remote.of(server.baseUrl(), Mnist.NPZ, "0".repeat(64)));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Mnist.load(new DatasetFiles(home, root), remote));
            assertTrue(e.getMessage().contains("SHA-256 mismatch: expected " + "0".repeat(64) + ", got "
                    + Fixtures.sha256(npz)), e.getMessage());
            assertTrue(e.getMessage().contains(root.resolve("mnist").toString()), e.getMessage());
            assertTrue(e.getMessage().contains(home.resolve(".keras4j/datasets/mnist").toString()), e.getMessage());
            assertTrue(e.getMessage().contains(home.resolve(".keras/datasets").toString()), e.getMessage());
        }
        try (var left = Files.list(home.resolve(".keras4j/datasets/mnist"))) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void unreachableServerGivesOneClearError() throws Exception {
        String base;
        try (FileServer server = new FileServer(Map.of())) {
            base = server.baseUrl();
        }
        List<Remote> remote = List.of(Remote.of(base, Mnist.NPZ, "0".repeat(64)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Mnist.load(new DatasetFiles(tmp, null), remote));
        assertTrue(e.getMessage().startsWith("Dataset 'mnist' not found and could not be downloaded."), e.getMessage());
        assertTrue(e.getMessage().contains(base + Mnist.NPZ), e.getMessage());
    }

    @Test
    void loadsTheRealMnist() {
        Path dir = SharedData.file("data/mnist");
        long start = System.nanoTime();
        TrainTestData data = Mnist.loadData(dir);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertArrayEquals(new long[] {60000, 28, 28}, data.xTrain().shape());
        assertArrayEquals(new long[] {60000}, data.yTrain().shape());
        assertArrayEquals(new long[] {10000, 28, 28}, data.xTest().shape());
        assertArrayEquals(new long[] {10000}, data.yTest().shape());
        assertEquals(DataType.UBYTE, data.xTrain().dataType());
        assertEquals(DataType.UBYTE, data.yTest().dataType());
        assertArrayEquals(new long[] {5, 0, 4, 1, 9},
                data.yTrain().get(NDArrayIndex.interval(0, 5)).castTo(DataType.LONG).toLongVector());
        assertArrayEquals(new long[] {7, 2, 1, 0, 4},
                data.yTest().get(NDArrayIndex.interval(0, 5)).castTo(DataType.LONG).toLongVector());
        assertEquals(255.0, data.xTrain().maxNumber().doubleValue());
        assertEquals(33.318, data.xTrain().castTo(DataType.DOUBLE).meanNumber().doubleValue(), 1e-3);
        assertTrue(millis < 10_000, "loading MNIST took " + millis + " ms");
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
