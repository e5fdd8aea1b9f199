package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates valid files (model JSON, the entries of a .keras archive, legacy .h5 and .weights.h5 bytes) a few
 * thousand times with a fixed seed: every load either succeeds or raises {@link KerasFormatException}; never
 * another exception, an error, or a hang (2 s per case, under a minute in all).
 */
class FuzzTest {
    private static final int CASES = 3000;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(50);

    @TempDir
    Path dir;

    @Test
    void mutatedFilesLoadOrRaiseKerasFormatException() throws Exception {
        KerasTensor in = Input.of(6);
        KerasTensor h = new Dense(4, "relu").apply(new Reshape(6).apply(in));
        Model functional = new Model(List.of(in), List.of(new Dense(2).apply(new Dropout(0.5).apply(h)), h));
        functional.compile("adam", "mse");
        Sequential sequential = new Sequential(new InputLayer(5), new Dense(3, "softmax"));
        Path keras = dir.resolve("m.keras");
        Path legacy = dir.resolve("m.h5");
        Path weights = dir.resolve("m.weights.h5");
        functional.save(keras);
        sequential.save(legacy);
        sequential.saveWeights(weights);
        String json = functional.toJson();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(keras.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        byte[] legacyBytes = Files.readAllBytes(legacy);
        byte[] weightsBytes = Files.readAllBytes(weights);

        Random random = new Random(20261129);
        ExecutorService worker = Executors.newSingleThreadExecutor();
        long start = System.nanoTime();
        int cases = 0;
        int loaded = 0;
        try {
            for (; cases < CASES && System.nanoTime() - start < BUDGET_NANOS; cases++) {
                int kind = cases % 5;
                Path file = dir.resolve("fuzz" + (kind == 2 ? ".h5" : kind == 3 ? ".weights.h5" : ".keras"));
                Runnable load;
                String what;
                switch (kind) {
                    case 0 -> {
                        String mutated = new String(mutate(json.getBytes(StandardCharsets.UTF_8), random), StandardCharsets.UTF_8);
                        what = "model JSON";
                        load = () -> Models.modelFromJson(mutated);
                    }
                    case 1 -> {
                        Map<String, byte[]> copy = new LinkedHashMap<>(entries);
                        String entry = random.nextBoolean() ? "config.json" : "model.weights.h5";
                        copy.put(entry, mutate(copy.get(entry), random));
                        Files.write(file, zip(copy));
                        what = ".keras with a mutated " + entry;
                        load = () -> Models.loadModel(file);
                    }
                    case 2 -> {
                        Files.write(file, mutate(legacyBytes, random));
                        what = "legacy .h5";
                        load = () -> Models.loadModel(file);
                    }
                    case 3 -> {
                        Files.write(file, mutate(weightsBytes, random));
                        what = ".weights.h5";
                        load = () -> new Sequential(new InputLayer(5), new Dense(3, "softmax")).loadWeights(file);
                    }
                    default -> {
                        Files.write(file, mutate(Files.readAllBytes(keras), random));
                        what = "raw .keras bytes";
                        load = () -> Models.loadModel(file);
                    }
                }
                Future<?> result = worker.submit(load);
                try {
                    result.get(2, TimeUnit.SECONDS);
                    loaded++;
                } catch (TimeoutException e) {
                    result.cancel(true);
                    fail("case " + cases + " (" + what + ") did not finish within 2 s");
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof KerasFormatException)) {
                        throw new AssertionError("case " + cases + " (" + what + ") raised " + e.getCause(), e.getCause());
                    }
                }
            }
        } finally {
            worker.shutdownNow();
        }
        assertTrue(cases >= 1000, "only " + cases + " cases ran within the time budget");
        assertTrue(loaded < cases, "some mutations must be rejected");
    }

    /** One to four random edits: flip bytes, overwrite with interesting values, delete, duplicate or truncate. */
    static byte[] mutate(byte[] data, Random random) {
        byte[] out = data.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && out.length > 0; e++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(6)) {
                case 0 -> out[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> out[at] = (byte) new int[]{0, 0xff, 0x7f, 0x80, '"', '{', '[', '9', '-'}[random.nextInt(9)];
                case 2 -> {
                    int len = Math.min(out.length - at, 1 + random.nextInt(16));
                    byte[] shorter = new byte[out.length - len];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + len, shorter, at, out.length - at - len);
                    out = shorter;
                }
                case 3 -> {
                    int len = Math.min(out.length - at, 1 + random.nextInt(16));
                    byte[] longer = new byte[out.length + len];
                    System.arraycopy(out, 0, longer, 0, at + len);
                    System.arraycopy(out, at, longer, at + len, out.length - at);
                    out = longer;
                }
                case 4 -> out = java.util.Arrays.copyOf(out, at);
                default -> {
                    for (int i = 0; i < 4 && at + i < out.length; i++) {
                        out[at + i] = (byte) 0xff;
                    }
                }
            }
        }
        return out;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

}
