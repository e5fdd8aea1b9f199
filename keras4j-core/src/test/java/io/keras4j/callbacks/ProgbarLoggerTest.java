package io.keras4j.callbacks;

import io.keras4j.utils.ProgbarGolden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ProgbarLogger through two epochs of three steps, byte for byte against what real Keras's ProgbarLogger printed for
 * the same calls and times (keras4j-core/src/test/python/progbar_golden.py), on a terminal and to a pipe.
 */
class ProgbarLoggerTest {
    private double now;

    /** progbar_golden.py's logger_case. */
    private String run(int verbose, Integer steps, boolean dynamic) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgbarLogger cb = new ProgbarLogger(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now)
                .dynamicDisplay(dynamic);
        Map<String, Object> params = new HashMap<>();
        params.put("verbose", verbose);
        params.put("epochs", 2);
        params.put("steps", steps);
        cb.setParams(params);
        now = 100.0;
        cb.onTrainBegin(Map.of());
        for (int epoch = 0; epoch < 2; epoch++) {
            cb.onEpochBegin(epoch, Map.of());
            for (int batch = 0; batch < 3; batch++) {
                now += 0.25 + 0.5 * batch;
                cb.onTrainBatchEnd(batch, logs(1.0 / (batch + 1 + epoch), 0.5 + 0.1 * batch));
            }
            now += 0.01;
            Map<String, Double> end = logs(0.5 / (epoch + 1), 0.75);
            end.put("val_loss", 0.6);
            cb.onEpochEnd(epoch, end);
        }
        cb.onTrainEnd(Map.of());
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, Double> logs(double loss, double accuracy) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        m.put("accuracy", accuracy);
        return m;
    }


    @ParameterizedTest
    @CsvSource({"1, 3, true, logger_v1_terminal", "1, 3, false, logger_v1_plain",
            "2, 3, true, logger_v2_terminal", "2, 3, false, logger_v2_plain",
            "1, , true, logger_unknown_steps_terminal", "1, , false, logger_unknown_steps_plain"})
    void printsWhatKerasPrints(int verbose, Integer steps, boolean dynamic, String golden) {
        assertEquals(ProgbarGolden.read(golden), run(verbose, steps, dynamic));
    }
}
