package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.engine.InputLayer;
import io.keras4j.engine.Names;
import io.keras4j.engine.Variable;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Dropout;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Build, train a step, save each way, load, and predict (and keep training) identically; files look like Keras's. */
class SavingRoundTripTest {
    @TempDir
    Path dir;

    private static Model trainedModel() {
        Utils.setRandomSeed(7);
        Sequential model = new Sequential(new InputLayer(6), new Dense(5, "relu"), new Dropout(0.1), new Dense(3, "softmax"));
        model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
        model.trainOnBatch(x(), y());
        return model;
    }

    private static INDArray x() {
        return Nd4j.linspace(-1, 1, 48, DataType.FLOAT).reshape(8, 6);
    }

    private static INDArray y() {
        return Nd4j.createFromArray(0, 1, 2, 0, 1, 2, 0, 1).castTo(DataType.FLOAT);
    }

    private void export(Path file) throws IOException {
        String target = System.getProperty("keras4j.exportDir");
        if (target != null) {
            Files.copy(file, Path.of(target).resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"model.keras", "model.h5"})
    void savedModelPredictsAndResumesTrainingIdentically(String name) throws IOException {
        Model model = trainedModel();
        Path file = dir.resolve(name);
        model.save(file);
        export(file);
        Model back = Models.loadModel(file);
        assertEquals(model.toJson(), back.toJson());
        assertEquals(model.predict(x()), back.predict(x()));
        assertTrue(back.compiled(), "compile state restored");
        if (name.endsWith(".keras")) {
            assertEquals(model.optimizer().iterations(), back.optimizer().iterations());
            Utils.setRandomSeed(11);
            model.trainOnBatch(x(), y());
            Utils.setRandomSeed(11);
            back.trainOnBatch(x(), y());
            for (int i = 0; i < model.getWeights().size(); i++) {
                assertEquals(model.getWeights().get(i), back.getWeights().get(i), "weight " + i + " after one more Adam step");
            }
        }
    }

    @Test
    void weightsFileRoundTrips() throws IOException {
        Model model = trainedModel();
        Path file = dir.resolve("m.weights.h5");
        model.saveWeights(file);
        export(file);
        Model other = Models.modelFromJson(model.toJson());
        other.loadWeights(file);
        assertEquals(model.predict(x()), other.predict(x()));
    }

    @Test
    void weightsFileNameMustEndInWeightsH5() {
        Model model = trainedModel();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.saveWeights(dir.resolve("m.h5")));
        assertTrue(e.getMessage().contains(".weights.h5"), e.getMessage());
    }

    @Test
    void legacyWeightsLoadByNameAndSkipMismatch() {
        Path file = SharedData.file("keras/legacy/examples/simple_sparse_xent/simple_sparse_xent_mlp_keras_2_weights.h5");
        Names.clear();
        Sequential model = new Sequential(new InputLayer(4), new Dense(7).name("other"), new Dense(3).name("dense_1"));
        assertThrows(KerasFormatException.class, () -> model.loadWeights(file));
        INDArray before = model.getLayer("other").weights().get(0).value().dup();
        assertThrows(KerasFormatException.class, () -> model.loadWeights(file, true, false), "dense_1 has the wrong input size");
        Sequential fitting = new Sequential(new InputLayer(4), new Dense(7).name("other"), new Dense(3).name("dense_1"));
        assertThrows(KerasFormatException.class, () -> fitting.loadWeights(file, true, false));
        model.loadWeights(file, true, true);
        assertEquals(before, model.getLayer("other").weights().get(0).value(), "layers absent from the file keep their weights");
        Sequential matching = new Sequential(new InputLayer(4), new Dense(3).name("dense_1"));
        INDArray old = matching.getWeights().get(0).dup();
        matching.loadWeights(file, true, false);
        assertTrue(!old.equals(matching.getWeights().get(0)), "dense_1 loaded by name");
    }

    /** Files written by keras4j have the entries, groups, datasets and attribute names of Keras's for the same model. */
    @ParameterizedTest
    @ValueSource(strings = {"mlp_mnist_small", "train_mlp_sgd"})
    void writtenFilesHaveKerasStructure(String name) throws IOException {
        Path k3 = SharedData.file("keras/k3");
        Model model = Models.loadModel(k3.resolve(name + ".keras"));
        Path keras = dir.resolve(name + ".keras");
        Path weights = dir.resolve(name + ".weights.h5");
        model.save(keras);
        model.saveWeights(weights);
        try (ZipFile ours = new ZipFile(keras.toFile()); ZipFile theirs = new ZipFile(k3.resolve(name + ".keras").toFile())) {
            assertEquals(entries(theirs), entries(ours));
            Object expected = stripSharedIds(JsonText.parse(text(theirs, "config.json"), "keras"));
            assertEquals(JsonText.write(expected), text(ours, "config.json"));
            Path h5 = dir.resolve("inner.h5");
            Files.write(h5, ours.getInputStream(ours.getEntry("model.weights.h5")).readAllBytes());
            Path kh5 = dir.resolve("kinner.h5");
            Files.write(kh5, theirs.getInputStream(theirs.getEntry("model.weights.h5")).readAllBytes());
            assertEquals(H5Structure.of(kh5), H5Structure.of(h5));
        }
        assertEquals(H5Structure.of(k3.resolve(name + ".weights.h5")).keySet().stream().filter(k -> !k.startsWith("/optimizer")).toList(),
                new ArrayList<>(H5Structure.of(weights).keySet()));
        Path legacy = dir.resolve(name + ".h5");
        model.save(legacy);
        Map<String, String> want = H5Structure.of(k3.resolve(name + ".h5"));
        want.keySet().removeIf(k -> k.startsWith("/optimizer_weights"));
        assertEquals(want, H5Structure.of(legacy));
    }

    private static List<String> entries(ZipFile zip) {
        return zip.stream().map(ZipEntry::getName).toList();
    }

    private static String text(ZipFile zip, String entry) throws IOException {
        return new String(zip.getInputStream(zip.getEntry(entry)).readAllBytes(), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Object stripSharedIds(Object json) {
        if (json instanceof Map) {
            Map<String, Object> m = (Map<String, Object>) json;
            m.remove("shared_object_id");
            if ("keras.src.backend.torch.optimizers.torch_sgd".equals(m.get("module"))) {
                m.put("module", "keras.optimizers");
                m.put("registered_name", null);
            }
            m.values().forEach(SavingRoundTripTest::stripSharedIds);
        } else if (json instanceof List) {
            ((List<Object>) json).forEach(SavingRoundTripTest::stripSharedIds);
        }
        return json;
    }

    @Test
    void variablesKeepTheirDtypeAfterLoading() throws IOException {
        Model model = trainedModel();
        Path file = dir.resolve("m.keras");
        model.save(file);
        for (Variable v : Models.loadModel(file).weights()) {
            assertEquals(DataType.FLOAT, v.value().dataType());
        }
        assertArrayEquals(new long[]{6, 5}, Models.loadModel(file).weights().get(0).value().shape());
    }
}
