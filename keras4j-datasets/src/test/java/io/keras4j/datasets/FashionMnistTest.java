package io.keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keras4j.datasets.DatasetFiles.Remote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class FashionMnistTest {
    @TempDir
    Path tmp;

    @Test
    void loadsRawIdxFilesFromADirectory() {
        TrainTestData data = FashionMnist.loadData(Fixtures.idxSet(tmp, false, 9));
        assertEquals(9, data.yTrain().getInt(0));
        assertEquals(DataType.UBYTE, data.xTrain().dataType());
    }

    @Test
    void explicitDirectoryWithoutFilesSaysWhatItExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.loadData(tmp));
        assertTrue(e.getMessage().contains("no Fashion-MNIST files"), e.getMessage());
    }

    @Test
    void searchesKerasCacheBeforeSystemFolders() throws Exception {
        Path home = tmp.resolve("home");
        Path system = Fixtures.idxSet(tmp.resolve("usr/share/datasets/fashion-mnist"), true, 2);
        Path kerasCache = Fixtures.idxSet(home.resolve(".keras/datasets/fashion-mnist"), true, 1);
        DatasetFiles files = new DatasetFiles(home, tmp.resolve("emptyRoot"));
        List<Remote> nowhere = List.of(Remote.of("http://127.0.0.1:9/", "x.gz", "0"));
        assertEquals(1, FashionMnist.load(files, List.of(system), nowhere).yTrain().getInt(0));
        Files.delete(kerasCache.resolve("train-images-idx3-ubyte.gz"));
        assertEquals(2, FashionMnist.load(files, List.of(system), nowhere).yTrain().getInt(0));
    }

    @Test
    void downloadsTheFourFilesAndDiscardsABadOne() throws Exception {
        Map<String, byte[]> served = new HashMap<>();
        served.put("train-images-idx3-ubyte.gz", Fixtures.gzip(Fixtures.images(3)));
        served.put("train-labels-idx1-ubyte.gz", Fixtures.gzip(Fixtures.labels(3, 9)));
        served.put("t10k-images-idx3-ubyte.gz", Fixtures.gzip(Fixtures.images(2)));
        served.put("t10k-labels-idx1-ubyte.gz", Fixtures.gzip(Fixtures.labels(2, 7)));
        Path home = tmp.resolve("home");
        DatasetFiles files = new DatasetFiles(home, null);
        Path cache = home.resolve(".keras4j/datasets/fashion-mnist");
        try (FileServer server = new FileServer(served)) {
            List<Remote> remote = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : served.entrySet()) {
                remote.add(Remote.of(server.baseUrl(), e.getKey(), Fixtures.sha256(e.getValue())));
            }
            List<Remote> oneBad = new ArrayList<>(remote);
            oneBad.set(0, Remote.of(server.baseUrl(), remote.get(0).fileName(), "f".repeat(64)));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> FashionMnist.load(files, List.of(), oneBad));
            assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
            assertTrue(Files.notExists(cache.resolve(remote.get(0).fileName())));
            try (var left = Files.list(cache)) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
            }
            TrainTestData data = FashionMnist.load(files, List.of(), remote);
            assertEquals(9, data.yTrain().getInt(0));
            assertArrayEquals(new long[] {2, 4, 5}, data.xTest().shape());
        }
        for (String name : served.keySet()) {
            assertArrayEquals(served.get(name), Files.readAllBytes(cache.resolve(name)));
        }
    }

    @Test
    void loadsTheRealFashionMnistFromDebiansPackage() {
        Path dir = FashionMnist.SYSTEM_DIRS.get(0);
        assumeTrue(Files.isDirectory(dir), dir + " absent: install Debian's dataset-fashion-mnist to run this test");
        TrainTestData data = FashionMnist.loadData(dir);
        assertArrayEquals(new long[] {60000, 28, 28}, data.xTrain().shape());
        assertArrayEquals(new long[] {60000}, data.yTrain().shape());
        assertArrayEquals(new long[] {10000, 28, 28}, data.xTest().shape());
        assertArrayEquals(new long[] {10000}, data.yTest().shape());
        assertEquals(DataType.UBYTE, data.xTrain().dataType());
        assertEquals(9, data.yTrain().getInt(0));
    }
}
