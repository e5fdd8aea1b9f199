package io.keras4j.layers;

import io.keras4j.engine.InputLayer;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.engine.Registry;
import io.keras4j.engine.Variable;
import io.keras4j.models.Sequential;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Masks against real Keras 3: each case of mask_goldens.json (written by src/test/python/mask_goldens.py) is one layer
 * from its Keras config, with Keras's weights, called on inputs that carry masks; its outputs and the masks it gives them
 * ({@code computeMask}) must be Keras's ({@link LayerTestHarness#checkMasks}). Every layer this module registers has a
 * case, but the cells (called by {@code RNN}, which has cases), {@code Lambda} (a Python function) and Keras 2's
 * {@code ThresholdedReLU}.
 */
class MaskGoldenTest {
    private static final Map<String, Object> ROOT = load();
    private static final Set<String> WITHOUT_CASE = Set.of("SimpleRNNCell", "LSTMCell", "GRUCell", "StackedRNNCells",
            "Lambda", "ThresholdedReLU");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (InputStream in = MaskGoldenTest.class.getResourceAsStream("mask_goldens.json")) {
            return new ObjectMapper().readValue(in, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(String key) {
        return (List<Map<String, Object>>) ROOT.get(key);
    }

    static Stream<String> cases() {
        return IntStream.range(0, list("cases").size()).mapToObj(i -> i + " " + list("cases").get(i).get("label"));
    }

    @SuppressWarnings("unchecked")
    private static INDArray array(Object spec) {
        if (spec == null) {
            return null;
        }
        Map<String, Object> m = (Map<String, Object>) spec;
        long[] shape = ((List<Number>) m.get("shape")).stream().mapToLong(Number::longValue).toArray();
        double[] data = ((List<Number>) m.get("data")).stream().mapToDouble(Number::doubleValue).toArray();
        DataType dtype = switch ((String) m.get("dtype")) {
            case "bool" -> DataType.BOOL;
            case "int32" -> DataType.INT;
            default -> DataType.FLOAT;
        };
        return Nd4j.createFromArray(data).castTo(dtype).reshape('c', shape);
    }

    private static INDArray[] arrays(Object specs) {
        return ((List<?>) specs).stream().map(MaskGoldenTest::array).toArray(INDArray[]::new);
    }

    private static void assign(List<Variable> vars, INDArray[] weights, String what) {
        assertEquals(weights.length, vars.size(), what + ": number of weights");
        for (int i = 0; i < weights.length; i++) {
            assertArrayEquals(weights[i].shape(), vars.get(i).value().shape(), what + ": Keras layout of weight " + vars.get(i).path());
            vars.get(i).assign(weights[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void outputsAndMasksMatchKeras(String label) {
        Map<String, Object> c = list("cases").get(Integer.parseInt(label.split(" ")[0]));
        Layer layer = LayerProvider.fromConfig((String) c.get("class_name"), (Map<String, Object>) c.get("config"));
        INDArray[] inputs = arrays(c.get("inputs"));
        KerasTensor[] symbolic = new KerasTensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            long[] shape = inputs[i].shape().clone();
            shape[0] = -1;
            symbolic[i] = new InputLayer(shape, null, inputs[i].dataType() == DataType.INT ? "int32" : "float32").output();
        }
        layer.applyAll(symbolic);
        assign(layer.weights(), arrays(c.get("weights")), label);
        boolean training = (Boolean) c.get("training");
        LayerTestHarness.checkMasks(layer, inputs, arrays(c.get("masks")), training, arrays(c.get("outputs")),
                arrays(c.get("output_masks")));
        if (c.containsKey("weights_after")) {
            INDArray[] after = arrays(c.get("weights_after"));
            for (int i = 0; i < after.length; i++) {
                INDArray actual = layer.weights().get(i).value();
                assertTrue(actual.equalsWithEps(after[i], 1e-5), label + ": weight " + i + " after the training call\nexpected "
                        + after[i] + "\nactual " + actual);
            }
        }
    }

    /** Every layer registered by this module has a mask case (the list above names the exceptions). */
    @Test
    void everyLayerHasACase() {
        Registry<Layer> registry = new Registry<>("layer");
        for (LayerProvider provider : ServiceLoader.load(LayerProvider.class)) {
            if (provider.getClass().getPackageName().equals("io.keras4j.layers")) {
                provider.registerLayers(registry);
            }
        }
        Set<String> covered = new TreeSet<>();
        list("cases").forEach(c -> covered.add((String) c.get("class_name")));
        Set<String> missing = new TreeSet<>();
        for (String name : registry.names()) {
            // Keras's aliases (MaxPool1D, Convolution2D, ...) build the layer of the full name
            String canonical = name.replaceAll("^(Global)?AvgPool(\\d)D$", "$1AveragePooling$2D")
                    .replaceAll("^(Global)?MaxPool(\\d)D$", "$1MaxPooling$2D").replace("Convolution", "Conv");
            if (!covered.contains(canonical)) {
                missing.add(name);
            }
        }
        missing.removeAll(WITHOUT_CASE);
        assertTrue(missing.isEmpty(), "layers without a mask case: " + missing);
        assertTrue(registry.names().size() > 80, "registered layers found: " + registry.names().size());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> model(String name) {
        return list("models").stream().filter(m -> m.get("name").equals(name)).findFirst().orElseThrow();
    }

    /** Embedding(mask_zero) -> Dropout -> LSTM with Keras's weights: the mask crosses Dropout and the LSTM skips the padding. */
    @Test
    void maskCrossesDropoutIntoLstm() {
        Map<String, Object> m = model("embedding_dropout_lstm");
        Sequential model = new Sequential(new Embedding(10, 4).maskZero(true).inputShape(7), new Dropout(0.5), new LSTM(3));
        List<Variable> vars = new ArrayList<>();
        model.layers().forEach(l -> vars.addAll(l.weights()));
        assign(vars, arrays(m.get("weights")), "embedding_dropout_lstm");
        INDArray x = array(m.get("input"));
        INDArray expected = array(m.get("output"));
        INDArray actual = model.predict(x);
        double diff = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-6, "max |keras4j - Keras| = " + diff + "\nexpected " + expected + "\nactual " + actual);
        // the padded samples differ from the unmasked run by more than the tolerance, so the check can fail
        INDArray unmasked = array(m.get("output_without_mask"));
        assertTrue(unmasked.sub(expected).amaxNumber().doubleValue() > 0.01, "the golden distinguishes a dropped mask");
    }

    /** Embedding(mask_zero) -> GlobalAveragePooling1D: the mean of the two kept steps, 0.45 (0.225 over all four). */
    @Test
    void globalAveragePoolingAveragesKeptSteps() {
        Map<String, Object> m = model("embedding_global_average_pooling");
        Sequential model = new Sequential(new Embedding(3, 1).maskZero(true).inputShape(4), new GlobalAveragePooling1D());
        assign(model.layers().get(0).weights(), arrays(m.get("weights")), "embedding");
        INDArray out = model.predict(array(m.get("input")));
        assertEquals(0.45, array(m.get("output")).getDouble(0), 1e-7);
        assertEquals(0.45, out.getDouble(0), 1e-7);
    }
}
