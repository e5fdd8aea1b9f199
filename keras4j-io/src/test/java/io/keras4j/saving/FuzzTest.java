package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.engine.InputLayer;
import io.keras4j.engine.KerasTensor;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Dropout;
import io.keras4j.layers.Input;
import io.keras4j.layers.Reshape;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mutates valid files of every format keras4j reads (.keras, legacy .h5, .weights.h5, .npy, .npz, model JSON), taken
 * from ../shared/keras (written by Keras and NumPy) and from keras4j's writers, deterministically (case i uses seed i):
 * bit flips, byte overwrites, truncations, insertions and deletions of the raw bytes; for zip archives also a mutated
 * entry in a re-packed, valid zip, a wrong CRC-32 and wrong size fields. Every load must end as
 * <ul>
 *   <li>loaded with the original's content (weights, arrays or config), when the mutation hit bytes that do not
 *       matter; or</li>
 *   <li>refused with {@link KerasFormatException}; or</li>
 *   <li>loaded with other content only where the format itself holds no checksum (HDF5 data, .npy data, JSON text,
 *       the entry of a re-packed zip): Keras and NumPy load those too. A damaged zip archive (raw bytes, CRC, sizes)
 *       never loads altered content.</li>
 * </ul>
 * Never another exception or error, never longer than 10 s. The default run takes {@code keras4j.fuzz.cases} = 300
 * cases; {@code mvn -Pfuzz} runs 10,000.
 */
class FuzzTest {
    private static final int CASES = Integer.getInteger("keras4j.fuzz.cases", 300);
    private static final long TIMEOUT_SECONDS = 10;

    @TempDir
    Path dir;

    enum Outcome { IDENTICAL, DIFFERENT, REFUSED }

    /** How a mutated file was made; only the unchecked ones may load with other content. */
    enum Mutation {
        RAW(false), ENTRY(false), CRC(true), SIZE(true);
        final boolean checked;

        Mutation(boolean checked) {
            this.checked = checked;
        }
    }

    /** One valid file, how to load it, and its content to compare with. */
    private record Target(String name, String suffix, byte[] bytes, boolean zip, boolean checksummed, Function<Path, Object> load,
                          Object reference) {
    }

    private List<Target> targets() throws IOException {
        List<Target> out = new ArrayList<>();
        KerasTensor in = Input.of(6);
        KerasTensor h = new Dense(4, "relu").apply(new Reshape(6).apply(in));
        Model functional = new Model(List.of(in), List.of(new Dense(2).apply(new Dropout(0.5).apply(h)), h));
        functional.compile("adam", "mse");
        Sequential sequential = new Sequential(new InputLayer(5), new Dense(3, "softmax"));
        Path keras = dir.resolve("ours.keras");
        Path legacy = dir.resolve("ours.h5");
        Path weights = dir.resolve("ours.weights.h5");
        functional.save(keras);
        sequential.save(legacy);
        sequential.saveWeights(weights);
        String sequentialJson = sequential.toJson();
        add(out, "ours.keras", keras, true, FuzzTest::loadModel);
        add(out, "ours.h5", legacy, false, FuzzTest::loadModel);
        add(out, "ours.weights.h5", weights, false, p -> loadWeights(sequentialJson, p));
        addJson(out, "ours.json", functional.toJson());

        Path npy = dir.resolve("ours.npy");
        Npy.write(npy, Nd4j.linspace(DataType.FLOAT, -3, 24, 1).reshape(2, 3, 4));
        add(out, "ours.npy", npy, false, Npy::read);
        Path npz = dir.resolve("ours.npz");
        Npz.write(npz, new LinkedHashMap<>(Map.of("x", Nd4j.createFromArray(1L, 2L, 3L), "y", Nd4j.eye(3))));
        add(out, "ours.npz", npz, true, FuzzTest::loadNpz);
        Path npzc = dir.resolve("ours-compressed.npz");
        Npz.writeCompressed(npzc, Map.of("w", Nd4j.linspace(DataType.DOUBLE, 0, 50, 1).divi(7)));
        add(out, "ours-compressed.npz", npzc, true, FuzzTest::loadNpz);

        Path k3 = SharedData.file("keras/k3");
        for (String name : List.of("gru", "mlp_dropout_bn", "functional_two_inputs", "embedding_gap")) {
            String json = Files.readString(k3.resolve(name + ".json"));
            add(out, name + ".keras", k3.resolve(name + ".keras"), true, FuzzTest::loadModel);
            add(out, name + ".h5", k3.resolve(name + ".h5"), false, FuzzTest::loadModel);
            add(out, name + ".weights.h5", k3.resolve(name + ".weights.h5"), false, p -> loadWeights(json, p));
            addJson(out, name + ".json", json);
            add(out, name + "_io.npz", k3.resolve(name + "_io.npz"), true, FuzzTest::loadNpz);
        }
        Path legacyDir = SharedData.file("keras/legacy/examples/activations");
        String eluJson = Files.readString(legacyDir.resolve("ELU_0_config.json"));
        add(out, "ELU_0_model.h5", legacyDir.resolve("ELU_0_model.h5"), false, FuzzTest::loadModel);
        add(out, "ELU_0_weights.h5", legacyDir.resolve("ELU_0_weights.h5"), false, p -> loadWeights(eluJson, p));
        addJson(out, "ELU_0_config.json", eluJson);
        return out;
    }

    private static void add(List<Target> out, String name, Path file, boolean zip, Function<Path, Object> load) throws IOException {
        String suffix = name.substring(name.indexOf('.'));
        out.add(new Target(name, suffix, Files.readAllBytes(file), zip, zip, load, load.apply(file)));
    }

    private static void addJson(List<Target> out, String name, String json) {
        Function<Path, Object> load = p -> {
            try {
                return Models.modelFromJson(Files.readString(p, StandardCharsets.ISO_8859_1)).toJson();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        out.add(new Target(name, ".json", json.getBytes(StandardCharsets.ISO_8859_1), false, false, load,
                Models.modelFromJson(json).toJson()));
    }

    private static Object loadModel(Path file) {
        return values(Models.loadModel(file).getWeights());
    }

    private static Object loadWeights(String json, Path file) {
        Model model = Models.modelFromJson(json);
        model.loadWeights(file);
        return values(model.getWeights());
    }

    private static Object loadNpz(Path file) {
        return values(new ArrayList<>(Npz.read(file).values()));
    }

    /** Arrays as comparable values: dtype, shape and every element's bits. */
    private static List<String> values(List<INDArray> arrays) {
        List<String> out = new ArrayList<>();
        for (INDArray a : arrays) {
            INDArray c = a.dup('c');
            String data = c.isEmpty() ? "" : Arrays.toString(c.castTo(DataType.DOUBLE).data().asDouble());
            out.add(a.dataType() + Arrays.toString(a.shape()) + data);
        }
        return out;
    }

    @Test
    void mutatedFilesLoadUnchangedOrRaiseKerasFormatException() throws Exception {
        List<Target> targets = targets();
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        Map<Mutation, Integer> mutations = new EnumMap<>(Mutation.class);
        List<String> failures = new ArrayList<>();
        Map<String, Integer> failureKinds = new java.util.TreeMap<>();
        ExecutorService worker = Executors.newSingleThreadExecutor(daemon());
        long start = System.nanoTime();
        try {
            for (int i = 0; i < CASES; i++) {
                Target target = targets.get(i % targets.size());
                Random random = new Random(i * 0x9E3779B97F4A7C15L);   // spread: nearby small seeds start alike
                Mutation mutation = !target.zip() ? Mutation.RAW : switch (random.nextInt(8)) {
                    case 0, 1 -> Mutation.ENTRY;
                    case 2 -> Mutation.CRC;
                    case 3 -> Mutation.SIZE;
                    default -> Mutation.RAW;
                };
                mutations.merge(mutation, 1, Integer::sum);
                byte[] mutated = switch (mutation) {
                    case RAW -> mutate(target.bytes(), random);
                    case ENTRY -> mutateEntry(target.bytes(), random);
                    case CRC -> patchCentral(target.bytes(), random, 16);
                    case SIZE -> patchCentral(target.bytes(), random, 24);
                };
                Path file = dir.resolve("case" + target.suffix());
                Files.write(file, mutated);
                String what = "case " + i + " (" + target.name() + ", " + mutation + ")";
                Future<Object> result = worker.submit(() -> target.load().apply(file));
                try {
                    Object loaded = result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    boolean same = loaded.equals(target.reference());
                    counts.merge(same ? Outcome.IDENTICAL : Outcome.DIFFERENT, 1, Integer::sum);
                    if (mutation == Mutation.CRC || !same && (mutation.checked || target.checksummed() && mutation == Mutation.RAW)) {
                        String kind = same ? "loaded although its CRC-32 is wrong" : "loaded altered content from a checksummed archive";
                        failures.add(what + " " + kind);
                        failureKinds.merge(kind, 1, Integer::sum);
                        keep(i, target, mutated);
                    }
                } catch (TimeoutException e) {
                    result.cancel(true);
                    failures.add(what + " did not finish within " + TIMEOUT_SECONDS + " s");
                    failureKinds.merge("timeout", 1, Integer::sum);
                    keep(i, target, mutated);
                    worker.shutdownNow();
                    worker = Executors.newSingleThreadExecutor(daemon());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof KerasFormatException) {
                        counts.merge(Outcome.REFUSED, 1, Integer::sum);
                    } else {
                        failures.add(what + " raised " + e.getCause() + " at " + Arrays.toString(Arrays.copyOf(e.getCause().getStackTrace(), 4)));
                        failureKinds.merge(e.getCause().getClass().getSimpleName(), 1, Integer::sum);
                        keep(i, target, mutated);
                    }
                }
            }
        } finally {
            worker.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("FuzzTest: %d cases over %d files in %.1f s: loaded identical %d, loaded different (unchecksummed formats) %d, "
                        + "refused %d, other %d %s; mutations %s%n", CASES, targets.size(), seconds, counts.getOrDefault(Outcome.IDENTICAL, 0),
                counts.getOrDefault(Outcome.DIFFERENT, 0), counts.getOrDefault(Outcome.REFUSED, 0), failures.size(), failureKinds, mutations);
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size() + " of " + CASES + " cases failed");
        assertTrue(counts.getOrDefault(Outcome.REFUSED, 0) > CASES / 4, "mutations are refused: " + counts);
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "fuzz-load");
            t.setDaemon(true);
            return t;
        };
    }

    /** Keeps a failing case's file under target/fuzz-failures for reproduction. */
    private static void keep(int i, Target target, byte[] bytes) {
        try {
            Path out = Path.of("target", "fuzz-failures");
            Files.createDirectories(out);
            Files.write(out.resolve("case-" + i + "-" + target.name()), bytes);
        } catch (IOException ignored) {
            // Reproduction aid only.
        }
    }

    /** One to four random edits: flip bits, overwrite with edge values, delete, insert or truncate. */
    static byte[] mutate(byte[] data, Random random) {
        byte[] out = data.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && out.length > 0; e++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(7)) {
                case 0, 1 -> out[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> out[at] = (byte) new int[]{0, 0xff, 0x7f, 0x80, '"', '{', '[', '9', '-'}[random.nextInt(9)];
                case 3 -> {
                    int len = Math.min(out.length - at, 1 + random.nextInt(16));
                    byte[] shorter = new byte[out.length - len];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + len, shorter, at, out.length - at - len);
                    out = shorter;
                }
                case 4 -> {
                    int len = 1 + random.nextInt(16);
                    byte[] longer = new byte[out.length + len];
                    System.arraycopy(out, 0, longer, 0, at);
                    for (int i = 0; i < len; i++) {
                        longer[at + i] = (byte) random.nextInt(256);
                    }
                    System.arraycopy(out, at, longer, at + len, out.length - at);
                    out = longer;
                }
                case 5 -> out = Arrays.copyOf(out, at);
                default -> {
                    for (int i = 0; i < 4 && at + i < out.length; i++) {
                        out[at + i] = (byte) 0xff;
                    }
                }
            }
        }
        return out;
    }

    /** A valid zip again, its entries and methods kept, one entry's content mutated. */
    private static byte[] mutateEntry(byte[] archive, Random random) throws IOException {
        Path tmp = Files.createTempFile("fuzz", ".zip");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Map<String, Integer> methods = new LinkedHashMap<>();
        try {
            Files.write(tmp, archive);
            try (ZipFile zip = new ZipFile(tmp.toFile())) {
                for (ZipEntry e : zip.stream().toList()) {
                    entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
                    methods.put(e.getName(), e.getMethod());
                }
            }
        } finally {
            Files.delete(tmp);
        }
        List<String> names = new ArrayList<>(entries.keySet());
        String victim = names.get(random.nextInt(names.size()));
        entries.put(victim, mutate(entries.get(victim), random));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (methods.get(e.getKey()) == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Overwrites a 32-bit field (16: CRC-32, 24: uncompressed size) of one central-directory entry with another value. */
    private static byte[] patchCentral(byte[] archive, Random random, int field) {
        byte[] out = archive.clone();
        List<Integer> headers = new ArrayList<>();
        for (int i = 0; i + 46 <= out.length; i++) {
            if (out[i] == 'P' && out[i + 1] == 'K' && out[i + 2] == 1 && out[i + 3] == 2) {
                headers.add(i);
            }
        }
        ByteBuffer buffer = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        int at = headers.get(random.nextInt(headers.size())) + field;
        int old = buffer.getInt(at);
        int value = field == 16 ? old ^ (1 + random.nextInt(Integer.MAX_VALUE))
                : switch (random.nextInt(4)) {
                    case 0 -> old + 1 + random.nextInt(64);
                    case 1 -> Math.max(0, old - 1 - random.nextInt(64));
                    case 2 -> 0x7fffffff;
                    default -> random.nextInt();
                };
        buffer.putInt(at, value == old ? old + 1 : value);
        return out;
    }
}
