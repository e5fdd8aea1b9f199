package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.engine.InputLayer;
import io.keras4j.layers.Dense;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Atomic writes under an injected failure, and corrupt, foreign or hostile files. */
class SafetyTest {
    @TempDir
    Path dir;

    @AfterEach
    void reset() {
        FailingLayer.fail = false;
    }

    static Sequential small() {
        return new Sequential(new InputLayer(3), new Dense(2), new FailingLayer());
    }

    @ParameterizedTest
    @ValueSource(strings = {"m.keras", "m.h5", "m.weights.h5"})
    void aFailedSaveLeavesTheOldFileAndNoTemporaryFile(String name) throws IOException {
        Model model = small();
        Path file = dir.resolve(name);
        save(model, file);
        byte[] good = Files.readAllBytes(file);
        FailingLayer.fail = true;
        assertThrows(IllegalStateException.class, () -> save(model, file));
        assertArrayEquals(good, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    private static void save(Model model, Path file) {
        if (file.toString().endsWith(".weights.h5")) {
            model.saveWeights(file);
        } else {
            model.save(file);
        }
    }

    private Path archive(Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve("hostile.keras");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    private Map<String, byte[]> validEntries() throws IOException {
        Path file = dir.resolve("valid.keras");
        new Sequential(new InputLayer(3), new Dense(2)).save(file);
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                out.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    private void assertRejected(Path file, String fragment) {
        KerasFormatException e = assertThrows(KerasFormatException.class, () -> Models.loadModel(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.txt", "/etc/evil", "a/../../evil", "..\\evil"})
    void zipSlipEntriesAreRejected(String entry) throws IOException {
        Map<String, byte[]> entries = validEntries();
        entries.put(entry, new byte[]{1});
        assertRejected(archive(entries), "unsafe archive entry name");
    }

    @Test
    void archiveWithoutConfigIsRejected() throws IOException {
        Map<String, byte[]> entries = validEntries();
        entries.remove("config.json");
        assertRejected(archive(entries), "no config.json");
    }

    @Test
    void configOfTheWrongShapeIsRejected() throws IOException {
        Map<String, byte[]> entries = validEntries();
        entries.put("config.json", "[\"Sequential\"]".getBytes(StandardCharsets.UTF_8));
        assertRejected(archive(entries), "expected a JSON object");
    }

    @Test
    void hugeDeclaredLayerIsRejectedWithoutAllocating() throws IOException {
        Map<String, byte[]> entries = validEntries();
        String config = new String(entries.get("config.json"), StandardCharsets.UTF_8);
        entries.put("config.json", config.replace("\"units\": 2", "\"units\": 1073741824").getBytes(StandardCharsets.UTF_8));
        entries.put("config.json", new String(entries.get("config.json"), StandardCharsets.UTF_8)
                .replace("[null, 3]", "[null, 1073741824]").getBytes(StandardCharsets.UTF_8));
        assertRejected(archive(entries), "config.json");
    }

    @Test
    void weightsOfTheWrongShapeAreRejectedBeforeReading() throws IOException {
        Path k3 = SharedData.file("keras/k3/mlp_mnist_small.weights.h5");
        Model model = new Sequential(new InputLayer(784), new Dense(31, "relu"), new Dense(10));
        KerasFormatException e = assertThrows(KerasFormatException.class, () -> model.loadWeights(k3));
        assertTrue(e.getMessage().contains("has shape [784, 32], the model expects [784, 31]"), e.getMessage());
    }

    @Test
    void unknownClassNameNamesTheLayer() throws IOException {
        Map<String, byte[]> entries = validEntries();
        String config = new String(entries.get("config.json"), StandardCharsets.UTF_8).replace("\"Dense\"", "\"Dence\"");
        entries.put("config.json", config.getBytes(StandardCharsets.UTF_8));
        Path file = archive(entries);
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, () -> Models.loadModel(file));
        assertTrue(e.getMessage().contains("layer 'dense") && e.getMessage().contains("'Dence'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 10, 100, 1000})
    void truncatedFilesAreRejected(int keep) throws IOException {
        Path valid = dir.resolve("valid.keras");
        new Sequential(new InputLayer(3), new Dense(2)).save(valid);
        for (String name : List.of("t.keras", "t.h5")) {
            Path source = name.endsWith(".h5") ? dir.resolve("valid.h5") : valid;
            if (name.endsWith(".h5")) {
                new Sequential(new InputLayer(3), new Dense(2)).save(source);
            }
            byte[] bytes = Files.readAllBytes(source);
            Path file = dir.resolve(name);
            Files.write(file, java.util.Arrays.copyOf(bytes, Math.min(keep, bytes.length)));
            assertThrows(KerasFormatException.class, () -> Models.loadModel(file));
        }
    }

    /** Keras refuses '/' in names when the layer is created; a legacy .h5 would store such a layer where it cannot be found. */
    @ParameterizedTest
    @ValueSource(strings = {"m.h5", "m.keras"})
    void aLayerNameWithASlashIsRefusedAtSaveTime(String name) {
        Sequential model = new Sequential(new InputLayer(3), new Dense(2).name("dense/1"));
        Path file = dir.resolve(name);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.save(file));
        assertTrue(e.getMessage().contains("layer name 'dense/1'") && e.getMessage().contains("'/'"), e.getMessage());
        assertTrue(Files.notExists(file));
    }

    @Test
    void foreignFileIsRejected() throws IOException {
        Path file = dir.resolve("notes.keras");
        Files.writeString(file, "just some text, not a model");
        assertRejected(file, "neither a .keras archive");
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        Files.write(file, png.toByteArray());
        assertRejected(file, "neither a .keras archive");
        assertRejected(dir.resolve("absent.keras"), "no such file");
    }
}
