package io.keras4j.applications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keras4j.engine.Names;
import io.keras4j.engine.Variable;
import io.keras4j.models.Model;
import io.keras4j.saving.Npy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks an application against the golden files of src/test/python/make_goldens.py: the model's JSON config equals
 * Keras's, and with the weights set by the script's formula its output equals Keras's.
 */
final class ApplicationGoldens {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApplicationGoldens() {
    }

    /** Builds the model with fresh default names (as the script's {@code clear_session}) and compares its config. */
    static Model assertConfigEquals(String golden, Supplier<Model> factory) {
        Names.clear();
        Model model = factory.get();
        JsonNode expected = readJson(golden);
        JsonNode actual;
        try {
            actual = JSON.readTree(model.toJson());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        List<String> differences = new ArrayList<>();
        diff("", expected, actual, differences);
        if (!differences.isEmpty()) {
            fail(golden + ": " + differences.size() + " config differences, first ones:\n  "
                    + String.join("\n  ", differences.subList(0, Math.min(15, differences.size()))));
        }
        return model;
    }

    /** Reads Keras's JSON with {@code Models.modelFromJson} and checks that writing it again gives the same config. */
    static void assertKerasJsonRoundTrips(String golden) {
        JsonNode expected = readJson(golden);
        Names.clear();
        Model model = io.keras4j.models.Models.modelFromJson(expected.toString());
        List<String> differences = new ArrayList<>();
        try {
            diff("", expected, JSON.readTree(model.toJson()), differences);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        if (!differences.isEmpty()) {
            fail(golden + ": " + differences.size() + " differences after reading and writing Keras's JSON, first ones:\n  "
                    + String.join("\n  ", differences.subList(0, Math.min(15, differences.size()))));
        }
    }

    /** Seeds the weights, predicts on the seeded input and compares with Keras's output (1e-4 absolute + 1e-4 relative). */
    static void assertOutputEquals(String golden, Model model, int batch) {
        seedWeights(model);
        long[] inputShape = model.inputs().get(0).shape();
        INDArray x = seedInput(batch, inputShape[1], inputShape[2], inputShape[3]);
        INDArray actual = model.predict(x);
        INDArray expected;
        try (InputStream in = resource(golden + ".npy")) {
            expected = Npy.read(in, golden + ".npy");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertArrayEquals(expected.shape(), actual.shape(), golden + ": output shape");
        double[] e = expected.castTo(DataType.DOUBLE).data().asDouble();
        double[] a = actual.castTo(DataType.DOUBLE).dup().data().asDouble();
        double max = 0;
        for (double v : e) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 1e-3, golden + ": the golden output is too small to tell models apart");
        for (int i = 0; i < e.length; i++) {
            double tolerance = 1e-4 + 1e-4 * Math.abs(e[i]);
            if (Math.abs(e[i] - a[i]) > tolerance) {
                fail(golden + ": output " + i + " is " + a[i] + ", Keras " + e[i]);
            }
        }
    }

    /** The formula of make_goldens.py {@code seed_value}, weight by weight in Keras's order. */
    static void seedWeights(Model model) {
        List<Variable> weights = model.weights();
        for (int k = 0; k < weights.size(); k++) {
            Variable w = weights.get(k);
            long[] shape = w.value().shape();
            int n = (int) w.value().length();
            double[] v = new double[n];
            long fanIn = 1;
            int stop = w.name().equals("depthwise_kernel") ? shape.length - 2 : shape.length - 1;
            for (int d = 0; d < stop; d++) {
                fanIn *= shape[d];
            }
            for (int i = 0; i < n; i++) {
                double s = Math.sin(0.37 * i + 1.3 * k);
                if (w.name().equals("count")) {
                    v[i] = 0;
                } else if (w.name().equals("gamma") || w.name().equals("moving_variance") || w.name().equals("variance")) {
                    v[i] = 1.0 + 0.1 * s;
                } else if (shape.length >= 2) {
                    v[i] = s * Math.sqrt(3.0 / fanIn);
                } else {
                    v[i] = 0.1 * s;
                }
            }
            w.assign(Nd4j.createFromArray(v).castTo(w.value().dataType()).reshape(shape));
        }
    }

    /** make_goldens.py {@code seed_input}: cos(0.013 i) over the C-order index of the (batch, rows, cols, channels) input. */
    static INDArray seedInput(int batch, long rows, long cols, long channels) {
        int n = (int) (batch * rows * cols * channels);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.cos(0.013 * i);
        }
        return Nd4j.createFromArray(v).castTo(DataType.FLOAT).reshape(batch, rows, cols, channels);
    }

    private static JsonNode readJson(String golden) {
        try (InputStream in = new GZIPInputStream(resource(golden + ".json.gz"))) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new AssertionError(golden + ".json.gz: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ApplicationGoldens.class.getResourceAsStream("/goldens/" + name);
        if (in == null) {
            throw new AssertionError("missing golden file goldens/" + name + ": run src/test/python/make_goldens.py");
        }
        return in;
    }

    /** Collects the paths where two JSON trees differ; numbers compare by value (6 and 6.0 are equal). */
    private static void diff(String path, JsonNode e, JsonNode a, List<String> out) {
        if (e.isNumber() && a.isNumber()) {
            if (e.asDouble() != a.asDouble()) {
                out.add(path + ": Keras " + e + ", keras4j " + a);
            }
        } else if (e.isObject() && a.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode other = a.get(f.getKey());
                if (other == null) {
                    out.add(path + "/" + f.getKey() + ": missing in keras4j (Keras " + abbreviate(f.getValue()) + ")");
                } else {
                    diff(path + "/" + f.getKey(), f.getValue(), other, out);
                }
            }
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!e.has(key)) {
                    out.add(path + "/" + key + ": only in keras4j (" + abbreviate(a.get(key)) + ")");
                }
            }
        } else if (e.isArray() && a.isArray()) {
            if (e.size() != a.size()) {
                out.add(path + ": Keras has " + e.size() + " entries, keras4j " + a.size());
            }
            for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
                String label = e.get(i).has("name") ? e.get(i).get("name").asText() : Integer.toString(i);
                diff(path + "[" + label + "]", e.get(i), a.get(i), out);
            }
        } else if (!e.equals(a)) {
            out.add(path + ": Keras " + abbreviate(e) + ", keras4j " + abbreviate(a));
        }
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
