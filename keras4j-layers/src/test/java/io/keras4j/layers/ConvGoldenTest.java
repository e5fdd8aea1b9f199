package io.keras4j.layers;

import io.keras4j.engine.InputLayer;
import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.engine.Variable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forward values of every convolution and pooling layer against real Keras 3 (jax backend): each case
 * of conv_goldens.json (written by src/test/python/conv_goldens.py) holds Keras's config, an input, the
 * weights and Keras's output; the layer is rebuilt from the config, given the weights, and must agree
 * within 1e-5 absolute plus 1e-4 relative (float32).
 */
class ConvGoldenTest {
    private static final List<Map<String, Object>> CASES = load();

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load() {
        try (InputStream in = ConvGoldenTest.class.getResourceAsStream("conv_goldens.json")) {
            Map<String, Object> root = new ObjectMapper().readValue(in, new TypeReference<Map<String, Object>>() { });
            return (List<Map<String, Object>>) root.get("cases");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<String> cases() {
        return IntStream.range(0, CASES.size()).mapToObj(i -> i + " " + CASES.get(i).get("class_name")
                + " " + ((Map<?, ?>) CASES.get(i).get("config")).get("name"));
    }

    @SuppressWarnings("unchecked")
    private static INDArray array(Object spec) {
        Map<String, Object> m = (Map<String, Object>) spec;
        long[] shape = ((List<Number>) m.get("shape")).stream().mapToLong(Number::longValue).toArray();
        double[] data = ((List<Number>) m.get("data")).stream().mapToDouble(Number::doubleValue).toArray();
        return Nd4j.createFromArray(data).castTo(DataType.FLOAT).reshape('c', shape);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void forwardMatchesKeras(String label) {
        Map<String, Object> c = CASES.get(Integer.parseInt(label.split(" ")[0]));
        Layer layer = LayerProvider.fromConfig((String) c.get("class_name"), (Map<String, Object>) c.get("config"));
        INDArray x = array(c.get("x"));
        long[] symbolic = x.shape().clone();
        symbolic[0] = -1;
        layer.apply(new InputLayer(symbolic, null, "float32").output());
        List<Object> weights = (List<Object>) c.get("weights");
        List<Variable> vars = layer.weights();
        assertEquals(weights.size(), vars.size(), "number of weights");
        for (int i = 0; i < vars.size(); i++) {
            INDArray w = array(weights.get(i));
            assertArrayEquals(w.shape(), vars.get(i).value().shape(), "Keras layout of weight " + vars.get(i).name());
            vars.get(i).assign(w);
        }
        INDArray expected = array(c.get("y"));
        INDArray actual = layer.applyAll(false, x)[0];
        assertArrayEquals(expected.shape(), actual.shape(), "output shape");
        long[] computed = layer.computeOutputShape(symbolic);
        computed[0] = x.size(0);
        assertArrayEquals(expected.shape(), computed, "computeOutputShape");
        INDArray diff = Transforms.abs(actual.sub(expected));
        INDArray tol = Transforms.abs(expected).muli(1e-4).addi(1e-5);
        assertTrue(diff.sub(tol).maxNumber().doubleValue() <= 0, "max |keras4j - Keras| = " + diff.maxNumber() + "\nexpected " + expected + "\nactual " + actual);
    }
}
