package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jhdf.HdfFile;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every model file in shared/keras (written by Keras 1, 2 and 3) loads and reproduces the outputs Keras stored,
 * within 1e-5 absolute plus 1e-4 relative; a file that needs something keras4j lacks is skipped with the
 * missing feature as the reason ({@link UnsupportedFeatureException}), never by a list of names.
 */
class KerasReferenceFilesTest {
    static Stream<Arguments> k3Files() throws IOException {
        Path dir = SharedData.file("keras/k3");
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path io : files.filter(p -> p.getFileName().toString().endsWith("_io.npz")).sorted().toList()) {
                String name = io.getFileName().toString().replace("_io.npz", "");
                if (name.startsWith("train_")) {
                    continue;
                }
                for (String format : List.of("keras", "h5", "json+weights")) {
                    out.add(Arguments.of(name + " [" + format + "]", dir, name, format));
                }
            }
        }
        return out.stream();
    }

    static Stream<Arguments> legacyFiles() throws IOException {
        Path dir = SharedData.file("keras/legacy/examples");
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path io : files.filter(p -> p.getFileName().toString().endsWith("_inputs_and_outputs.h5")).sorted().toList()) {
                String base = io.getFileName().toString().replace("_inputs_and_outputs.h5", "");
                Path folder = io.getParent();
                if (Files.exists(folder.resolve(base + "_model.h5"))) {
                    out.add(Arguments.of(base + " [model.h5]", folder, base, "model"));
                }
                if (Files.exists(folder.resolve(base + "_config.json")) && Files.exists(folder.resolve(base + "_weights.h5"))) {
                    out.add(Arguments.of(base + " [config+weights]", folder, base, "config+weights"));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("k3Files")
    void keras3FileReproducesKerasOutputs(String label, Path dir, String name, String format) {
        Model model = loadOrSkip(() -> switch (format) {
            case "keras" -> Models.loadModel(dir.resolve(name + ".keras"));
            case "h5" -> Models.loadModel(dir.resolve(name + ".h5"));
            default -> {
                Model m = Models.modelFromJson(Files.readString(dir.resolve(name + ".json")));
                m.loadWeights(dir.resolve(name + ".weights.h5"));
                yield m;
            }
        });
        Map<String, INDArray> io = Npz.read(dir.resolve(name + "_io.npz"));
        List<INDArray> inputs = new ArrayList<>();
        for (int i = 0; io.containsKey("x" + i); i++) {
            inputs.add(io.get("x" + i));
        }
        List<INDArray> outputs = model.predictAll(inputs.toArray(new INDArray[0]));
        for (int i = 0; io.containsKey("y" + i); i++) {
            assertClose(io.get("y" + i), outputs.get(i), label + " output " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legacyFiles")
    void legacyFileReproducesKerasPredictions(String label, Path dir, String base, String format) throws Exception {
        Model model = loadOrSkip(() -> {
            if (format.equals("model")) {
                return Models.loadModel(dir.resolve(base + "_model.h5"));
            }
            Model m = Models.modelFromJson(Files.readString(dir.resolve(base + "_config.json")));
            m.loadWeights(dir.resolve(base + "_weights.h5"));
            return m;
        });
        try (HdfFile h5 = new HdfFile(dir.resolve(base + "_inputs_and_outputs.h5"))) {
            List<INDArray> inputs = new ArrayList<>();
            for (String name : names(h5, "inputs")) {
                inputs.add(H5.read(h5, "inputs/" + name, null, label));
            }
            List<INDArray> outputs = model.predictAll(inputs.toArray(new INDArray[0]));
            List<String> outNames = names(h5, "outputs");
            assertEquals(outNames.size(), outputs.size(), label + ": number of outputs");
            for (int i = 0; i < outNames.size(); i++) {
                assertClose(kerasPredictions(h5, base, outNames.get(i), label), outputs.get(i), label + " output " + outNames.get(i));
            }
        }
    }

    /**
     * Keras's predictions for one output: the file's "predictions" group; files that hold only the training
     * targets ("outputs", as simple_lstm_tf_keras_2) have them in a golden file from real Keras
     * (src/test/python/generate_keras2_predictions.py).
     */
    private static INDArray kerasPredictions(HdfFile h5, String base, String output, String label) throws IOException {
        if (h5.getChildren().containsKey("predictions")) {
            return H5.read(h5, "predictions/" + output, null, label);
        }
        String golden = base + "_" + output + ".npy";
        try (var in = KerasReferenceFilesTest.class.getResourceAsStream(golden)) {
            assertTrue(in != null, label + ": the file holds no predictions and there is no golden " + golden);
            return Npy.read(in, golden);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(HdfFile h5, String key) {
        String json = H5.stringAttribute(h5, key, "inputs_and_outputs");
        return (List<String>) ((Map<String, Object>) JsonText.parse(json, key)).get(key);
    }

    private static Model loadOrSkip(ThrowingSupplier<Model> load) {
        try {
            return load.get();
        } catch (UnsupportedFeatureException e) {
            assumeTrue(false, "missing feature: " + e.getMessage());
            return null;
        } catch (Throwable e) {
            throw e instanceof RuntimeException ? (RuntimeException) e : new RuntimeException(e);
        }
    }

    static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what + ": shape");
        double[] e = expected.castTo(DataType.DOUBLE).data().asDouble();
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(e[i] - a[i]) - (1e-5 + 1e-4 * Math.abs(e[i]));
            worst = Math.max(worst, err);
            assertTrue(err <= 0, what + ": element " + i + " expected " + e[i] + " got " + a[i]);
        }
    }
}
