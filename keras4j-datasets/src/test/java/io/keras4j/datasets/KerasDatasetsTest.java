package io.keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keras4j.datasets.DatasetFiles.Remote;
import io.keras4j.saving.KerasFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every Keras dataset loader on tiny files in the real formats (src/test/python/make_fixtures.py), checked
 * against what real Keras 3 loaded from the same files with the same arguments (fixtures/expected.json).
 */
class KerasDatasetsTest {
    private static final List<Remote> NOWHERE = List.of(Remote.of("http://127.0.0.1:9/", "none", "0".repeat(64)));
    private static JsonNode expected;
    private static Path fixtures;

    @TempDir
    Path tmp;

    @BeforeAll
    static void readExpected(@TempDir Path dir) throws IOException {
        fixtures = dir;
        for (String name : List.of("cifar-10-python.tar.gz", "cifar-100-python.tar.gz", "imdb.npz", "reuters.npz",
                "boston_housing.npz", "california_housing.npz", "imdb_word_index.json", "expected.json")) {
            try (InputStream in = KerasDatasetsTest.class.getResourceAsStream("/fixtures/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
    }

    @Test
    void cifar10FromTheArchiveEqualsKeras() {
        TrainTestData d = Cifar10.loadData(fixtures);
        JsonNode e = expected.get("cifar10");
        assertArrayEquals(new long[]{10, 32, 32, 3}, d.xTrain().shape());
        assertEquals(DataType.UBYTE, d.xTrain().dataType());
        assertEquals(e.get("x_train_sum").asLong(), d.xTrain().castTo(DataType.INT64).sumNumber().longValue());
        assertArrayEquals(ints(e.get("x_train_0_1_2")), d.xTrain().get(idx(1), idx(2)).castTo(DataType.INT32).toIntMatrix());
        assertArrayEquals(new long[]{10, 1}, d.yTrain().shape());
        assertArrayEquals(ints1(e.get("y_train")), d.yTrain().castTo(DataType.INT32).reshape(10).toIntVector());
        assertArrayEquals(ints1(e.get("y_test")), d.yTest().castTo(DataType.INT32).reshape(2).toIntVector());
    }

    @Test
    void cifar10FromAnExtractedFolderInKerasCache() throws Exception {
        Path cache = tmp.resolve("home/.keras/datasets/cifar-10-batches-py-target");
        extract(fixtures.resolve("cifar-10-python.tar.gz"), cache);
        TrainTestData d = Cifar10.load(new DatasetFiles(tmp.resolve("home"), null), NOWHERE);
        assertEquals(Cifar10.loadData(fixtures).xTrain(), d.xTrain());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fine", "coarse"})
    void cifar100LabelModesEqualKeras(String mode) {
        TrainTestData d = Cifar100.loadData(fixtures, mode);
        JsonNode e = expected.get("cifar100_" + mode);
        assertArrayEquals(ints1(e.get("y_train")), d.yTrain().castTo(DataType.INT32).reshape(3).toIntVector());
        assertArrayEquals(ints1(e.get("y_test")), d.yTest().castTo(DataType.INT32).reshape(2).toIntVector());
        assertArrayEquals(ints(e.get("x_train_2_31")), d.xTrain().get(idx(2), idx(31)).castTo(DataType.INT32).toIntMatrix());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Cifar100.loadData(fixtures, "medium"));
        assertTrue(bad.getMessage().contains("Received: label_mode=medium"), bad.getMessage());
    }

    static Stream<Integer> imdbCases() {
        return IntStream.range(0, 4).boxed();
    }

    @ParameterizedTest
    @MethodSource("imdbCases")
    void imdbEqualsKeras(int i) {
        JsonNode e = expected.get("imdb").get(i);
        Imdb imdb = sequenceOptions(new Imdb(), e.get("args"));
        assertSequences(e, imdb.load(fixtures));
    }

    static Stream<Integer> reutersCases() {
        return IntStream.range(0, 3).boxed();
    }

    @ParameterizedTest
    @MethodSource("reutersCases")
    void reutersEqualsKeras(int i) {
        JsonNode e = expected.get("reuters").get(i);
        Reuters reuters = sequenceOptions(new Reuters(), e.get("args"));
        if (e.get("args").has("test_split")) {
            reuters.testSplit(e.get("args").get("test_split").asDouble());
        }
        assertSequences(e, reuters.load(fixtures));
        assertEquals(46, Reuters.getLabelNames().size());
        assertEquals("earn", Reuters.getLabelNames().get(3));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void bostonHousingEqualsKeras(int i) {
        JsonNode e = expected.get("boston").get(i);
        JsonNode a = e.get("args");
        TrainTestData d = BostonHousing.loadData(fixtures, a.path("test_split").asDouble(0.2), a.path("seed").asLong(113));
        assertEquals(DataType.DOUBLE, d.xTrain().dataType());
        assertArrayEquals(doubles(e.get("x_train")), d.xTrain().toDoubleMatrix());
        assertArrayEquals(doubles(e.get("x_test")), d.xTest().toDoubleMatrix());
        assertArrayEquals(doubles1(e.get("y_train")), d.yTrain().toDoubleVector(), 0.0);
        assertArrayEquals(doubles1(e.get("y_test")), d.yTest().toDoubleVector(), 0.0);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void californiaHousingEqualsKeras(int i) {
        JsonNode e = expected.get("california").get(i);
        JsonNode a = e.get("args");
        TrainTestData d = CaliforniaHousing.loadData(fixtures, a.get("version").asText(), a.path("test_split").asDouble(0.2),
                a.path("seed").asLong(113));
        assertEquals(e.get("train_rows").asLong(), d.xTrain().size(0));
        assertEquals(e.get("test_rows").asLong(), d.xTest().size(0));
        assertArrayEquals(doubles1(e.get("x_train_0")), d.xTrain().getRow(0).toDoubleVector(), 0.0);
        assertEquals(e.get("y_test_last").asDouble(), d.yTest().getDouble(d.yTest().length() - 1), 0.0);
        assertEquals(e.get("y_train_sum").asDouble(), d.yTrain().sumNumber().doubleValue(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> CaliforniaHousing.loadData(fixtures, "medium", 0.2, 1));
        assertThrows(IllegalArgumentException.class, () -> CaliforniaHousing.loadData(fixtures, "small", 1.0, 1));
    }

    @Test
    void downloadsCifarArchiveAndWordIndexWithTheirChecksums() throws Exception {
        byte[] archive = Files.readAllBytes(fixtures.resolve("cifar-100-python.tar.gz"));
        byte[] json = Files.readAllBytes(fixtures.resolve("imdb_word_index.json"));
        String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(json));
        DatasetFiles files = new DatasetFiles(tmp, null);
        try (FileServer server = new FileServer(Map.of(Cifar100.ARCHIVE, archive, Imdb.WORD_INDEX, json))) {
            TrainTestData d = Cifar100.load(files, List.of(Remote.of(server.baseUrl(), Cifar100.ARCHIVE, Fixtures.sha256(archive))), "fine");
            assertEquals(3, d.xTrain().size(0));
            Map<String, Integer> index = Imdb.wordIndex(files, List.of(Remote.of(server.baseUrl(), Imdb.WORD_INDEX, md5)));
            assertEquals(Map.of("the", 1, "and", 2, "film", 3), index);
        }
        assertTrue(Files.isRegularFile(tmp.resolve(".keras4j/datasets/cifar-100/" + Cifar100.ARCHIVE)));
        assertEquals(3, Imdb.wordIndex(files, NOWHERE.stream().map(r -> Remote.of("http://127.0.0.1:9/", Imdb.WORD_INDEX, md5))
                .toList()).size());
    }

    @Test
    void refusesPicklesThatCallOtherGlobals() {
        // protocol 0: cos\nsystem\n(S'echo'\ntR.  -- os.system("echo")
        byte[] evil = "cos\nsystem\n(U\u0004echotR.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        KerasFormatException e = assertThrows(KerasFormatException.class,
                () -> Pickle.load(new java.io.ByteArrayInputStream(evil), "evil.pkl"));
        assertTrue(e.getMessage().contains("pickle refers to os.system, which is not allowed"), e.getMessage());
    }

    @Test
    void truncatedArchiveNamesTheFile() throws IOException {
        byte[] archive = Files.readAllBytes(fixtures.resolve("cifar-10-python.tar.gz"));
        Path dir = Files.createDirectories(tmp.resolve("cut"));
        Files.write(dir.resolve(Cifar10.ARCHIVE), java.util.Arrays.copyOf(archive, archive.length / 2));
        KerasFormatException e = assertThrows(KerasFormatException.class, () -> Cifar10.loadData(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve(Cifar10.ARCHIVE).toString()), e.getMessage());
    }

    private static <T extends SequenceOptions<T>> T sequenceOptions(T options, JsonNode a) {
        if (a.has("num_words")) {
            options.numWords(a.get("num_words").asInt());
        }
        if (a.has("skip_top")) {
            options.skipTop(a.get("skip_top").asInt());
        }
        if (a.has("maxlen")) {
            options.maxlen(a.get("maxlen").asInt());
        }
        if (a.has("seed")) {
            options.seed(a.get("seed").asLong());
        }
        if (a.has("start_char")) {
            options.startChar(a.get("start_char").isNull() ? null : a.get("start_char").asInt());
        }
        if (a.has("oov_char")) {
            options.oovChar(a.get("oov_char").isNull() ? null : a.get("oov_char").asInt());
        }
        if (a.has("index_from")) {
            options.indexFrom(a.get("index_from").asInt());
        }
        return options;
    }

    private static void assertSequences(JsonNode e, SequenceData d) {
        assertEquals(ragged(e.get("x_train")), d.xTrain().stream().map(java.util.Arrays::toString).toList());
        assertEquals(ragged(e.get("x_test")), d.xTest().stream().map(java.util.Arrays::toString).toList());
        assertArrayEquals(longs(e.get("y_train")), d.yTrain().castTo(DataType.INT64).toLongVector());
        assertArrayEquals(longs(e.get("y_test")), d.yTest().castTo(DataType.INT64).toLongVector());
        assertEquals(DataType.INT64, d.yTrain().dataType());
    }

    private static List<String> ragged(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(s -> out.add(java.util.Arrays.toString(ints1(s))));
        return out;
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex idx(long i) {
        return org.nd4j.linalg.indexing.NDArrayIndex.point(i);
    }

    private static int[] ints1(JsonNode n) {
        int[] out = new int[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).asInt();
        }
        return out;
    }

    private static long[] longs(JsonNode n) {
        return java.util.Arrays.stream(ints1(n)).asLongStream().toArray();
    }

    private static int[][] ints(JsonNode n) {
        int[][] out = new int[n.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ints1(n.get(i));
        }
        return out;
    }

    private static double[] doubles1(JsonNode n) {
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).asDouble();
        }
        return out;
    }

    private static double[][] doubles(JsonNode n) {
        double[][] out = new double[n.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles1(n.get(i));
        }
        return out;
    }

    private static void extract(Path tarGz, Path into) throws Exception {
        Files.createDirectories(into);
        Process p = new ProcessBuilder("tar", "xzf", tarGz.toString(), "-C", into.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
    }
}
