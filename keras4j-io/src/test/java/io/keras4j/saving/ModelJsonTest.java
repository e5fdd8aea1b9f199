package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keras4j.engine.InputLayer;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Names;
import io.keras4j.layers.Activation;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Dropout;
import io.keras4j.layers.Flatten;
import io.keras4j.layers.Input;
import io.keras4j.layers.Reshape;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Keras JSON: exact text round trips, the same text as Keras for the same model, and old configs. */
class ModelJsonTest {
    static Stream<Path> k3Json() throws IOException {
        try (Stream<Path> files = Files.list(SharedData.file("keras/k3"))) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("manifest.json")).sorted()
                    .toList().stream();
        }
    }

    static Stream<Path> legacyConfigs() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("keras/legacy/configs", "keras/legacy/examples")) {
            try (Stream<Path> files = Files.walk(SharedData.file(dir))) {
                files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(out::add);
            }
        }
        return out.stream();
    }

    /** A Keras 3 file whose layers keras4j has is written back to the identical text (compile state aside). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("k3Json")
    void keras3JsonRoundTripsToTheSameText(Path file) throws IOException {
        String text = Files.readString(file).strip();
        Model model;
        try {
            model = Models.modelFromJson(text);
        } catch (UnsupportedFeatureException e) {
            assumeTrue(false, "missing feature: " + e.getMessage());
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) JsonText.parse(text, file.toString());
        parsed.put("compile_config", Map.of());
        assertEquals(JsonText.write(parsed), model.toJson());
    }

    /** tf.keras 2 and Keras 1 configs load or name the missing feature; nothing else goes wrong. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("legacyConfigs")
    void legacyConfigLoadsOrNamesTheMissingFeature(Path file) throws IOException {
        String text = Files.readString(file);
        try {
            Model model = Models.modelFromJson(text);
            assertTrue(model.layers().size() > 0);
            assertEquals(model.toJson(), Models.modelFromJson(model.toJson()).toJson(), "keras4j's own JSON of " + file + " round trips");
        } catch (UnsupportedFeatureException e) {
            assumeTrue(false, "missing feature: " + e.getMessage());
        }
    }

    @Test
    void sequentialBuiltInJavaWritesKerasText() throws IOException {
        Names.clear();
        Sequential model = new Sequential(new InputLayer(784), new Dense(32, "relu"), new Dense(10, "softmax"));
        model.name("mlp_mnist_small");
        assertEquals(Files.readString(SharedData.file("keras/k3/mlp_mnist_small.json")).strip(), model.toJson());
    }

    /** Keras's to_json() of the same models (src/test/python/generate_core_layers_json.py, Keras 3.15.1). */
    private static Map<String, Object> kerasCoreLayers() throws IOException {
        try (var in = ModelJsonTest.class.getResourceAsStream("core_layers.json")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> golden = (Map<String, Object>) JsonText.parse(new String(in.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8), "core_layers.json");
            return golden;
        }
    }

    @Test
    void seedLayersWriteKerasText() throws IOException {
        Names.clear();
        Sequential seq = new Sequential(new InputLayer(12), new Flatten(), new Dense(8).activation("tanh").useBias(false),
                new Dropout(0.25), new Activation("relu"), new Dense(3, "softmax"));
        seq.name("core_sequential");
        assertSameText((String) kerasCoreLayers().get("sequential"), seq.toJson());
        Names.clear();
        KerasTensor a = Input.of(new long[]{6}, "in_a", null);
        KerasTensor h = new Dense(4, "relu").name("hidden").apply(a);
        KerasTensor y1 = new Activation("sigmoid").name("out_1").apply(h);
        KerasTensor y2 = new Dense(2).name("out_2").apply(new Dropout(0.5).apply(h));
        Model functional = new Model(List.of(a), List.of(y1, y2));
        functional.name("core_functional");
        assertSameText((String) kerasCoreLayers().get("functional"), functional.toJson());
    }

    /** Text equality that reports where the texts first differ. */
    static void assertSameText(String expected, String actual) {
        int i = 0;
        while (i < Math.min(expected.length(), actual.length()) && expected.charAt(i) == actual.charAt(i)) {
            i++;
        }
        if (i < Math.max(expected.length(), actual.length())) {
            int from = Math.max(0, i - 150);
            assertEquals(expected.substring(from, Math.min(expected.length(), i + 150)),
                    actual.substring(from, Math.min(actual.length(), i + 150)), "texts differ at character " + i);
        }
    }

    @Test
    void functionalModelRoundTrips() {
        KerasTensor a = Input.of(new long[]{12}, "in_a", null);
        KerasTensor h = new Reshape(3, 4).apply(a);
        h = new Flatten().apply(h);
        h = new Dense(8).activation("tanh").useBias(false).apply(h);
        h = new Dropout(0.25).apply(h);
        KerasTensor y1 = new Activation("sigmoid").apply(h);
        KerasTensor y2 = new Dense(2).name("second").apply(h);
        Model model = new Model(List.of(a), List.of(y1, y2));
        String json = model.toJson();
        Model back = Models.modelFromJson(json);
        assertEquals(json, back.toJson());
        assertEquals(model.layers().stream().map(Layer::name).toList(), back.layers().stream().map(Layer::name).toList());
        assertInstanceOf(Model.class, back);
        assertEquals(2, back.outputs().size());
    }

    @Test
    void sharedLayerKeepsBothCalls() {
        KerasTensor a = Input.of(4);
        Dense shared = new Dense(4);
        KerasTensor y = shared.apply(shared.apply(a));
        Model model = new Model(a, y);
        Model back = Models.modelFromJson(model.toJson());
        assertEquals(model.toJson(), back.toJson());
        assertEquals(2, back.weights().size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1e-07|1e-07", "0.001|0.001", "1.0|1.0", "100000.0|100000.0", "1e+16|1e16", "1234567890123456.0|1.234567890123456e15",
        "0.1|0.1", "-2.5e-05|-2.5e-5", "0.0001|1e-4", "0.10000000149011612|0.10000000149011612"})
    void floatsAreWrittenAsPythonReprDoes(String python, double value) {
        assertEquals(python, JsonText.pythonFloat(value));
    }

    @Test
    void nonAsciiIsEscapedAsPythonJsonDumps() {
        Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("name", "caf\u00e9");
        value.put("x", java.util.Arrays.asList(1, 2.5, null, true));
        assertEquals("{\"name\": \"caf\\u00e9\", \"x\": [1, 2.5, null, true]}", JsonText.write(value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1, 2]|the model config: expected a JSON object",
        "{\"class_name\": \"Sequential\", \"config\": {\"layers\": 3}}|expected a JSON list",
        "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Dense\", \"config\": {\"units\": \"x\"}}]}}|bad Dense config",
        "{\"class_name\": \"Dense\", \"config\": {\"units\": 3}}|expected a model config",
        "{\"class_name\": 7}|class_name: expected a string",
        "not json|is not valid JSON"})
    void malformedJsonRaisesKerasFormatException(String json, String message) {
        KerasFormatException e = assertThrows(KerasFormatException.class, () -> Models.modelFromJson(json));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().startsWith("model JSON"), e.getMessage());
    }

    @Test
    void unknownLayerClassIsAMissingFeature() {
        String json = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Frobnicate\", \"config\": {\"name\": \"f\"}}]}}";
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, () -> Models.modelFromJson(json));
        assertTrue(e.getMessage().contains("layer 'f'") && e.getMessage().contains("'Frobnicate'"), e.getMessage());
    }
}
