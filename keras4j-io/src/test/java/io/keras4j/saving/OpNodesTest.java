package io.keras4j.saving;

import io.keras4j.models.Model;
import io.keras4j.models.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keras 3 files whose functional graphs hold operation nodes ({@code x + 3.0}, slicing, {@code ops.mean}, the
 * {@code NotEqual} mask of an Embedding passed to an LSTM, MobileNetV3's hard sigmoid), written with their inputs and
 * Keras's outputs by src/test/python/op_nodes.py: keras4j loads each and reproduces the outputs.
 */
class OpNodesTest {
    static Path golden(String file) {
        try {
            return Path.of(OpNodesTest.class.getResource("/io/keras4j/saving/ops/" + file).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The inputs x0, x1, ... of a golden npz. */
    static INDArray[] inputs(Map<String, INDArray> data) {
        List<INDArray> xs = new ArrayList<>();
        for (int i = 0; data.containsKey("x" + i); i++) {
            xs.add(data.get("x" + i));
        }
        return xs.toArray(new INDArray[0]);
    }

    /** The largest absolute difference between the model's outputs and the golden y0, y1, .... */
    static double maxDiff(Model model, Map<String, INDArray> data) {
        List<INDArray> ys = model.predictAll(inputs(data));
        double max = 0;
        for (int i = 0; i < ys.size(); i++) {
            INDArray expected = data.get("y" + i);
            INDArray actual = ys.get(i);
            assertArrayEquals(expected.shape(), actual.shape(), "shape of output " + i);
            if (expected.length() > 0) {
                max = Math.max(max, expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue());
            }
        }
        assertEquals(data.keySet().stream().filter(k -> k.startsWith("y")).count(), ys.size(), "number of outputs");
        return max;
    }

    @ParameterizedTest
    @ValueSource(strings = {"arithmetic.keras", "arithmetic.h5", "zoo.keras", "masked_lstm.keras", "masked_lstm.h5",
            "mobilenet_v3_small.keras"})
    void reproducesKerasOutputs(String file) {
        Model model = Models.loadModel(golden(file));
        Map<String, INDArray> data = Npz.read(golden(file.substring(0, file.lastIndexOf('.')) + ".npz"));
        double diff = maxDiff(model, data);
        assertTrue(diff < 1e-4, file + ": max diff vs Keras " + diff);
    }

    @Test
    void unsupportedOperationsAreRefusedByName() throws java.io.IOException {
        String config;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(golden("arithmetic.keras").toFile())) {
            config = new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String einsum = config.replace("\"class_name\": \"TrueDivide\"", "\"class_name\": \"Einsum\"");
        UnsupportedFeatureException unknown = assertThrows(UnsupportedFeatureException.class, () -> Models.modelFromJson(einsum));
        assertTrue(unknown.getMessage().contains("layer 'true_divide'") && unknown.getMessage().contains("operation 'Einsum' of keras.src.ops.numpy"),
                unknown.getMessage());
        String badKey = config.replace("\"config\": {\"name\": \"true_divide\"}", "\"config\": {\"name\": \"true_divide\", \"axis\": 1}");
        KerasFormatException key = assertThrows(KerasFormatException.class, () -> Models.modelFromJson(badKey));
        assertTrue(key.getMessage().contains("unknown config key 'axis'"), key.getMessage());
    }
}
