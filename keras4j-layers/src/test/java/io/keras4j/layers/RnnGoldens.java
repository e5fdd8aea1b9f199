package io.keras4j.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The arrays of rnn_goldens.txt (written by src/test/python/rnn_goldens.py from real Keras) and of other golden
 * files in its format (rnn_dropout_goldens.txt, by rnn_dropout_goldens.py), as float64.
 */
public final class RnnGoldens {
    private static final Map<String, Map<String, INDArray>> FILES = new HashMap<>();

    private RnnGoldens() {
    }

    static INDArray get(String key) {
        return get("rnn_goldens.txt", key);
    }

    static boolean has(String key) {
        return arrays("rnn_goldens.txt").containsKey(key);
    }

    /** Array {@code key} of golden file {@code file} (a resource beside this class). */
    public static INDArray get(String file, String key) {
        INDArray a = arrays(file).get(key);
        if (a == null) {
            throw new IllegalArgumentException("no golden array " + key + " in " + file);
        }
        return a.dup();
    }

    private static synchronized Map<String, INDArray> arrays(String file) {
        return FILES.computeIfAbsent(file, RnnGoldens::load);
    }

    private static Map<String, INDArray> load(String file) {
        Map<String, INDArray> out = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                RnnGoldens.class.getResourceAsStream(file), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] parts = line.split("\t");
                String[] dims = parts[1].split(",");
                long[] shape = new long[dims.length];
                for (int i = 0; i < dims.length; i++) {
                    shape[i] = Long.parseLong(dims[i]);
                }
                String[] vals = parts[2].split(" ");
                double[] data = new double[vals.length];
                for (int i = 0; i < vals.length; i++) {
                    data[i] = Double.parseDouble(vals[i]);
                }
                out.put(parts[0], Nd4j.create(data, shape, DataType.DOUBLE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
