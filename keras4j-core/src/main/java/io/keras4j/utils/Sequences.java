package io.keras4j.utils;

import io.keras4j.backend.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/** The sequence utilities behind {@link Utils#padSequences}, as keras/src/utils/sequence_utils.py. */
final class Sequences {
    private Sequences() {
    }

    /**
     * As {@code pad_sequences}: a (num_samples, maxlen) array filled with {@code value}, each sequence written
     * at the end ({@code padding="pre"}) or the start ("post") of its row after dropping the values beyond
     * {@code maxlen} from its start ({@code truncating="pre"}) or its end ("post").
     */
    static INDArray pad(List<int[]> sequences, Integer maxlen, String dtype, String padding, String truncating, double value) {
        if (sequences == null) {
            throw new IllegalArgumentException("padSequences: `sequences` must be a list of sequences, got null");
        }
        if (!"pre".equals(padding) && !"post".equals(padding)) {
            throw new IllegalArgumentException("padSequences: Padding type \"" + padding + "\" not understood; expected \"pre\" or \"post\"");
        }
        if (!"pre".equals(truncating) && !"post".equals(truncating)) {
            throw new IllegalArgumentException("padSequences: Truncating type \"" + truncating
                    + "\" not understood; expected \"pre\" or \"post\"");
        }
        if (maxlen != null && maxlen < 0) {
            throw new IllegalArgumentException("padSequences: `maxlen` must be >= 0, got " + maxlen);
        }
        DataType type = Backend.parseDtype(dtype, "dtype");
        int width = maxlen != null ? maxlen : sequences.stream().mapToInt(s -> s.length).max().orElse(0);
        int n = sequences.size();
        double fill = type.isFPType() ? value : (long) value;
        double[] out = new double[n * width];
        java.util.Arrays.fill(out, fill);
        for (int i = 0; i < n; i++) {
            int[] s = sequences.get(i);
            int len = Math.min(s.length, width);
            int from = "pre".equals(truncating) ? s.length - len : 0;
            int to = "post".equals(padding) ? 0 : width - len;
            for (int k = 0; k < len; k++) {
                out[i * width + to + k] = s[from + k];
            }
        }
        return Nd4j.createFromArray(out).reshape(n, width).castTo(type);
    }
}
