package io.keras4j.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The cases of resources/ops/goldens.txt (written by ops_goldens.py): per case, its named arrays. */
final class Goldens {
    static final Map<String, Map<String, INDArray>> CASES = read();

    private Goldens() {
    }

    private static Map<String, Map<String, INDArray>> read() {
        Map<String, Map<String, INDArray>> cases = new LinkedHashMap<>();
        try (InputStream in = Goldens.class.getResourceAsStream("/ops/goldens.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                long[] shape = f[3].isEmpty() ? new long[0]
                        : java.util.Arrays.stream(f[3].split(",")).mapToLong(Long::parseLong).toArray();
                String[] values = f[4].isEmpty() ? new String[0] : f[4].split(" ");
                INDArray a;
                if (f[2].equals("int")) {
                    a = Nd4j.createFromArray(java.util.Arrays.stream(values).mapToInt(Integer::parseInt).toArray());
                } else {
                    a = Nd4j.createFromArray(java.util.Arrays.stream(values).mapToDouble(Double::parseDouble).toArray());
                }
                cases.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], a.reshape(shape));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** The inputs of a case, fresh copies (float64 or int32). */
    static INDArray[] inputs(String name) {
        Map<String, INDArray> c = CASES.get(name);
        int n = 0;
        while (c.containsKey("input" + n)) {
            n++;
        }
        INDArray[] out = new INDArray[n];
        for (int i = 0; i < n; i++) {
            out[i] = c.get("input" + i).dup();
        }
        return out;
    }

    static boolean isFloat(INDArray a) {
        return a.dataType() == DataType.DOUBLE;
    }
}
