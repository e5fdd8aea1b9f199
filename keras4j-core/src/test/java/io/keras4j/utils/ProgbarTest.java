package io.keras4j.utils;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Progbar output byte for byte against keras/src/utils/progbar.py (expected strings written from its code:
 * bold counter, green done part, grey rest, ETA while running, elapsed time at the end).
 */
class ProgbarTest {
    private static final String B = "\u001b[1m";
    private static final String R = "\u001b[0m";
    private static final String G = "\u001b[32m";
    private static final String W = "\u001b[37m";
    private static final String BAR = "\u2501";

    private double now;

    private Progbar bar(ByteArrayOutputStream out, int verbose, Set<String> stateless) {
        now = 100.0;
        return new Progbar(10, 20, verbose, 0.05, stateless == null ? Set.of() : null, stateless, "step",
                new PrintStream(out, true, StandardCharsets.UTF_8), () -> now);
    }

    private static Map<String, Double> logs(double accuracy, double loss) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy);
        m.put("loss", loss);
        return m;
    }

    @Test
    void verboseOneShowsCounterBarEtaStepTimeAndMetrics() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Progbar p = bar(out, 1, Set.of());
        now = 100.5;
        p.update(1, logs(0.25, 2.30258), false);
        String first = "\r" + B + " 1/10" + R + " " + G + BAR.repeat(2) + R + W + BAR.repeat(18) + R
                + " " + B + "4s" + R + " 500ms/step - accuracy: 0.2500 - loss: 2.3026";
        assertEquals(first, out.toString(StandardCharsets.UTF_8));
        out.reset();
        now = 101.4;
        p.update(10, logs(0.75, 0.00012), true);
        // the step time ignores the first step: (101.4 - 100.5) / 9 = 100 ms; at the end the elapsed time shows
        String last = "\b".repeat(first.length() - 1 - 8 - 9 - 9 - 8) + "\r" + B + "10/10" + R + " " + G + BAR.repeat(20) + R + W + R
                + " " + B + "1s" + R + " 100ms/step - accuracy: 0.7500 - loss: 1.2000e-04\n";
        assertEquals(last, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void statelessMetricsAreAveragedOverSteps() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Progbar p = bar(out, 2, null);
        p.update(5, Map.of("loss", 1.0), false);
        now = 103;
        p.update(10, Map.of("loss", 3.0), true);
        // finalize keeps the last value for averaged metrics, as Keras does
        assertEquals("10/10 - 3s - 300ms/step - loss: 3.0000\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void etaAndTimeFormats() {
        assertEquals("59s", Progbar.formatEta(59.9));
        assertEquals("1:01", Progbar.formatEta(61));
        assertEquals("1:00:01", Progbar.formatEta(3601));
        assertEquals(" 2s/step", Progbar.formatTime(2.4, "step"));
        assertEquals(" 12ms/step", Progbar.formatTime(0.012, "step"));
        assertEquals(" 250us/step", Progbar.formatTime(0.00025, "step"));
    }
}
