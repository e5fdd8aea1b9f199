package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import io.keras4j.engine.KerasTensor;
import io.keras4j.initializers.Initializers;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Input;
import io.keras4j.layers.LSTM;
import io.keras4j.layers.MultiHeadAttention;
import io.keras4j.losses.Loss;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Files written by Keras 3.15 that keras4j used to misread or refuse (src/test/python/fidelity_goldens.py):
 * recurrent {@code initial_state} in functional models, VarianceScaling's {@code input_axes}/{@code output_axes},
 * per-channel Rescaling, MultiHeadAttention's sub-grouped weights, and a tf.keras 2.x file's {@code hard_sigmoid}
 * and {@code reduction: "auto"}. Each reproduces Keras's outputs to 1e-5.
 */
class FidelityFilesTest {
    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path tmp;

    static Path golden(String name) {
        try {
            return Path.of(FidelityFilesTest.class.getResource("fidelity/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The largest absolute difference between Keras's stored outputs and the model's predictions. */
    static double maxDiff(Model model, String ioFile) {
        Map<String, INDArray> io = Npz.read(golden(ioFile));
        List<INDArray> inputs = new ArrayList<>();
        for (int i = 0; io.containsKey("x" + i); i++) {
            inputs.add(io.get("x" + i));
        }
        List<INDArray> outputs = model.predictAll(inputs.toArray(new INDArray[0]));
        double worst = 0;
        for (int i = 0; io.containsKey("y" + i); i++) {
            INDArray expected = io.get("y" + i).castTo(DataType.DOUBLE);
            INDArray actual = outputs.get(i).castTo(DataType.DOUBLE);
            assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), ioFile + " output " + i);
            worst = Math.max(worst, expected.sub(actual).amaxNumber().doubleValue());
        }
        return worst;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"seq2seq_lstm", "seq2seq_gru", "efficientnet_stem", "mha"})
    void kerasFileReproducesKerasOutputs(String name) {
        Model model = Models.loadModel(golden(name + ".keras"));
        double diff = maxDiff(model, name + "_io.npz");
        assertTrue(diff <= TOLERANCE, name + ": max diff " + diff);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"seq2seq_lstm, decoder", "seq2seq_gru, decoder", "efficientnet_stem, rescaling_1", "mha, multi_head_attention"})
    void savedByKeras4jReloadsAndKeepsKerasLayout(String name, String layer) throws IOException {
        Model model = Models.loadModel(golden(name + ".keras"));
        Path file = tmp.resolve(name + ".keras");
        model.save(file);
        export(file, null, null);
        assertTrue(maxDiff(Models.loadModel(file), name + "_io.npz") <= TOLERANCE, name + " after a keras4j round trip");
        assertEquals(datasetPaths(golden(name + ".keras")), datasetPaths(file), name + ": weight paths as Keras writes them");
        assertEquals(layerEntry(golden(name + ".keras"), layer).get("inbound_nodes"), layerEntry(file, layer).get("inbound_nodes"),
                name + ": the inbound nodes of '" + layer + "' as Keras writes them");
        assertEquals(layerEntry(golden(name + ".keras"), layer).get("build_config"), layerEntry(file, layer).get("build_config"),
                name + ": the build_config of '" + layer + "' as Keras writes it");
    }

    @Test
    void seq2seqDecoderTakesTheEncoderStates() {
        Model model = Models.loadModel(golden("seq2seq_lstm.keras"));
        assertEquals(2, model.inputs().size(), "the encoder input stays in the graph");
        assertEquals(3, model.getLayer("decoder").inboundNodes().get(0).inputs().size(), "sequence, h and c");
    }

    /**
     * A seq2seq and an attention model built with keras4j's API ({@code decoder.applyAll(x, h, c)} passes initial
     * states) save as Keras writes them and reload identically. With {@code -Dkeras4j.exportDir=DIR} the files are
     * copied there for src/test/python/check_fidelity_files.py, which loads them in real Keras.
     */
    @Test
    void keras4jBuiltModelsSaveInKerasForm() throws IOException {
        KerasTensor encIn = Input.of(new long[]{-1, 5}, "encoder_inputs", null);
        List<KerasTensor> enc = new LSTM(4).returnState(true).name("encoder").applyAll(encIn);
        KerasTensor decIn = Input.of(new long[]{-1, 6}, "decoder_inputs", null);
        List<KerasTensor> dec = new LSTM(4).returnSequences(true).returnState(true).name("decoder").applyAll(decIn, enc.get(1), enc.get(2));
        Model seq2seq = new Model(List.of(encIn, decIn), List.of(new Dense(6).activation("softmax").apply(dec.get(0))));
        KerasTensor x = Input.of(4, 6);
        Model mha = new Model(x, new Dense(2).apply(new MultiHeadAttention(2, 3).apply(x, x)));
        Map<String, INDArray> io = Npz.read(golden("seq2seq_lstm_io.npz"));
        for (Model model : List.of(seq2seq, mha)) {
            INDArray[] inputs = model == mha ? new INDArray[]{Npz.read(golden("mha_io.npz")).get("x0")} : new INDArray[]{io.get("x0"), io.get("x1")};
            Path file = tmp.resolve((model == mha ? "keras4j_mha" : "keras4j_seq2seq") + ".keras");
            model.save(file);
            INDArray expected = model.predictAll(inputs).get(0);
            assertEquals(expected, Models.loadModel(file).predictAll(inputs).get(0), file.getFileName() + " reloads identically");
            export(file, inputs, expected);
        }
        assertEquals(List.of(Map.of("args", List.of(tensorRef("decoder_inputs", 0)), "kwargs",
                        Map.of("initial_state", List.of(tensorRef("encoder", 1), tensorRef("encoder", 2))))),
                historyOnly(layerEntry(tmp.resolve("keras4j_seq2seq.keras"), "decoder").get("inbound_nodes")));
    }

    /** With {@code -Dkeras4j.exportDir}, copies a file written by keras4j there (and its inputs and outputs, if given). */
    private static void export(Path file, INDArray[] inputs, INDArray output) throws IOException {
        String target = System.getProperty("keras4j.exportDir");
        if (target == null) {
            return;
        }
        Files.copy(file, Path.of(target).resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (inputs != null) {
            Map<String, INDArray> arrays = new java.util.LinkedHashMap<>();
            for (int i = 0; i < inputs.length; i++) {
                arrays.put("x" + i, inputs[i]);
            }
            arrays.put("y0", output);
            Npz.write(Path.of(target).resolve(file.getFileName().toString().replace(".keras", "_io.npz")), arrays);
        }
    }

    private static List<Object> tensorRef(String layer, int index) {
        return List.of(layer, 0, index);
    }

    /** Inbound nodes with each tensor reduced to its keras_history. */
    @SuppressWarnings("unchecked")
    private static Object historyOnly(Object value) {
        if (value instanceof Map && "__keras_tensor__".equals(((Map<String, Object>) value).get("class_name"))) {
            return ((Map<String, Object>) ((Map<String, Object>) value).get("config")).get("keras_history");
        }
        if (value instanceof Map) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            ((Map<String, Object>) value).forEach((k, v) -> out.put(k, historyOnly(v)));
            return out;
        }
        if (value instanceof List) {
            return ((List<Object>) value).stream().map(FidelityFilesTest::historyOnly).toList();
        }
        return value;
    }

    @Test
    void multiHeadAttentionWeightsH5Loads() throws IOException {
        Model model = Models.loadModel(golden("mha.keras"));
        for (var w : model.weights()) {
            w.assign(w.value().mul(0));
        }
        model.loadWeights(golden("mha.weights.h5"));
        assertTrue(maxDiff(model, "mha_io.npz") <= TOLERANCE);
        Path file = tmp.resolve("m.weights.h5");
        model.saveWeights(file);
        assertEquals(datasetPaths(golden("mha.weights.h5")), datasetPaths(file));
    }

    @Test
    void tfKeras2FileUsesKeras2HardSigmoidAndAutoReduction() {
        Model model = Models.loadModel(golden("keras2_tf_hard_sigmoid.h5"));
        double diff = maxDiff(model, "keras2_tf_hard_sigmoid_io.npz");
        assertTrue(diff <= TOLERANCE, "max diff " + diff);
        Loss loss = assertInstanceOf(Loss.class, model.compileOptions().getLosses().get(0));
        assertEquals("sum_over_batch_size", loss.reduction());
    }

    @SuppressWarnings("unchecked")
    @Test
    void varianceScalingFansFollowInputAndOutputAxes() throws IOException {
        List<Object> cases = (List<Object>) JsonText.parse(Files.readString(golden("variance_scaling_fans.json")), "fans");
        for (Object o : cases) {
            Map<String, Object> c = (Map<String, Object>) o;
            long[] shape = ((List<Object>) c.get("shape")).stream().mapToLong(v -> ((Number) v).longValue()).toArray();
            List<Object> fans = (List<Object>) c.get("fans");
            for (int k = 0; k < 2; k++) {
                Map<String, Object> config = new java.util.LinkedHashMap<>();
                config.put("scale", 1.0);
                config.put("mode", k == 0 ? "fan_in" : "fan_out");
                config.put("distribution", "uniform");
                config.put("seed", 7);
                config.put("input_axes", c.get("input_axes"));
                config.put("output_axes", c.get("output_axes"));
                INDArray w = Initializers.get("VarianceScaling", config).apply(shape, DataType.DOUBLE);
                double limit = Math.sqrt(3.0 / ((Number) fans.get(k)).doubleValue());
                double max = w.amaxNumber().doubleValue();
                assertTrue(max <= limit && max > 0.8 * limit, c + " " + config.get("mode") + ": max |w| " + max + ", Keras's limit " + limit);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Initializers.get("VarianceScaling",
                Map.of("input_axes", List.of(4), "output_axes", List.of(0))).apply(new long[]{2, 3}, DataType.FLOAT));
    }

    @SuppressWarnings("unchecked")
    @Test
    void bidirectionalInitialStateIsRefusedByName() {
        Map<String, Object> root = config(golden("seq2seq_lstm.keras"));
        Map<String, Object> decoder = layerEntry(golden("seq2seq_lstm.keras"), "decoder");
        Map<String, Object> wrapper = new java.util.LinkedHashMap<>(decoder);
        wrapper.put("class_name", "Bidirectional");
        wrapper.put("config", Map.of("name", "decoder", "layer", Map.of("class_name", "LSTM", "config", decoder.get("config"))));
        List<Object> layers = (List<Object>) ((Map<String, Object>) root.get("config")).get("layers");
        layers.replaceAll(l -> "decoder".equals(((Map<String, Object>) l).get("name")) ? wrapper : l);
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, () -> Models.modelFromJson(JsonText.write(root)));
        assertTrue(e.getMessage().contains("initial_state") && e.getMessage().contains("Bidirectional"), e.getMessage());
    }

    /** Every dataset path in a .keras archive's model.weights.h5 or in a .weights.h5 file. */
    static TreeSet<String> datasetPaths(Path file) throws IOException {
        Path h5 = file;
        if (file.toString().endsWith(".keras")) {
            h5 = Files.createTempFile("weights", ".h5");
            try (ZipFile zip = new ZipFile(file.toFile())) {
                Files.write(h5, zip.getInputStream(zip.getEntry("model.weights.h5")).readAllBytes());
            }
        }
        TreeSet<String> out = new TreeSet<>();
        try (HdfFile hdf = new HdfFile(h5)) {
            collect(hdf, out);
        } finally {
            if (h5 != file) {
                Files.deleteIfExists(h5);
            }
        }
        return out;
    }

    private static void collect(Group group, TreeSet<String> out) {
        for (Node n : group.getChildren().values()) {
            if (n instanceof Dataset) {
                out.add(n.getPath() + java.util.Arrays.toString(((Dataset) n).getDimensions()));
            } else if (n instanceof Group) {
                collect((Group) n, out);
            }
        }
    }

    /** The model entry in a .keras archive's config.json. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> config(Path keras) {
        try (ZipFile zip = new ZipFile(keras.toFile())) {
            return (Map<String, Object>) JsonText.parse(new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes()), "config.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One layer's entry in a .keras archive's functional config. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> layerEntry(Path keras, String name) {
        for (Object l : (List<Object>) ((Map<String, Object>) config(keras).get("config")).get("layers")) {
            if (name.equals(((Map<String, Object>) l).get("name"))) {
                return (Map<String, Object>) l;
            }
        }
        throw new AssertionError(keras + " has no layer " + name);
    }
}
