package io.keras4j.utils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Progbar output byte for byte against keras/src/utils/progbar.py: expected strings written from its code (bold
 * counter, green done part, grey rest, ETA while running, elapsed time at the end), and golden files of what real
 * Keras printed on a terminal and, without its colour codes, to a pipe.
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
                new PrintStream(out, true, StandardCharsets.UTF_8), () -> now).dynamicDisplay(true);
    }


    /** progbar_golden.py's progbar_case: an update skipped by the interval, a shrinking ETA, a loss in "e" notation. */
    private String runGoldenCase(int verbose, Integer target, boolean dynamic) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        now = 10.0;
        Progbar p = new Progbar(target, 20, verbose, 0.05, Set.of(), null, "step",
                new PrintStream(out, true, StandardCharsets.UTF_8), () -> now).dynamicDisplay(dynamic);
        double[][] steps = {{10.5, 1, 2.30258, 0.25}, {10.52, 2, 2.0, 0.3}, {11.0, 3, 1.5, 0.5}, {12.5, 6, 0.5, 0.75},
                {13.9, 9, 0.00012, 0.875}};
        for (double[] s : steps) {
            now = s[0];
            p.update((int) s[1], logs(s[2], s[3]));
        }
        now = 14.2;
        p.update(10, logs(0.0004, 0.9), true);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, Double> logs(double loss, double accuracy) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        m.put("accuracy", accuracy);
        return m;
    }

    @ParameterizedTest
    @CsvSource({"1, 10, true, progbar_v1_terminal", "1, 10, false, progbar_v1_plain",
            "2, 10, true, progbar_v2_terminal", "2, 10, false, progbar_v2_plain",
            "1, , true, progbar_unknown_target_terminal", "1, , false, progbar_unknown_target_plain"})
    void printsWhatKerasPrints(int verbose, Integer target, boolean dynamic, String golden) {
        assertEquals(ProgbarGolden.read(golden), runGoldenCase(verbose, target, dynamic));
    }

    @Test
    void plainDisplayHasNoControlCharacters() {
        String plain = runGoldenCase(1, 10, false);
        assertFalse(plain.chars().anyMatch(c -> c < 0x20 && c != '\n'), plain);
        // Keras's leading newline, then one line per update not skipped by the 0.05 s interval (step 2 is)
        assertTrue(plain.startsWith("\n 1/10 "), plain);
        assertEquals(5, plain.strip().split("\n").length, plain);
    }

    @Test
    void systemPropertyForcesTheDefault() {
        String before = System.getProperty(Progbar.DYNAMIC_DISPLAY_PROPERTY);
        try {
            System.setProperty(Progbar.DYNAMIC_DISPLAY_PROPERTY, "true");
            assertTrue(Progbar.defaultDynamicDisplay());
            System.setProperty(Progbar.DYNAMIC_DISPLAY_PROPERTY, "false");
            assertFalse(Progbar.defaultDynamicDisplay());
            System.clearProperty(Progbar.DYNAMIC_DISPLAY_PROPERTY);
            // surefire's forked JVM writes to a pipe, not a terminal
            assertFalse(Progbar.defaultDynamicDisplay());
        } finally {
            if (before == null) {
                System.clearProperty(Progbar.DYNAMIC_DISPLAY_PROPERTY);
            } else {
                System.setProperty(Progbar.DYNAMIC_DISPLAY_PROPERTY, before);
            }
        }
    }

    private static Map<String, Double> accuracyLoss(double accuracy, double loss) {
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
        p.update(1, accuracyLoss(0.25, 2.30258), false);
        String first = "\r" + B + " 1/10" + R + " " + G + BAR.repeat(2) + R + W + BAR.repeat(18) + R
                + " " + B + "4s" + R + " 500ms/step - accuracy: 0.2500 - loss: 2.3026";
        assertEquals(first, out.toString(StandardCharsets.UTF_8));
        out.reset();
        now = 101.4;
        p.update(10, accuracyLoss(0.75, 0.00012), true);
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

    /** Expected strings printed by Python 3.11's f"{x:.0f}", f"{x:.4f}" and f"{x:.4e}". */
    @ParameterizedTest
    @CsvSource({"0.5, 0, 0.5000, 5.0000e-01", "2.5, 2, 2.5000, 2.5000e+00", "1.5, 2, 1.5000, 1.5000e+00",
            "-0.4, -0, -0.4000, -4.0000e-01", "-0.0, -0, -0.0000, -0.0000e+00", "0.00012, 0, 0.0001, 1.2000e-04",
            "9.99995e-5, 0, 0.0001, 9.9999e-05", "1e-10, 0, 0.0000, 1.0000e-10", "-3.2e-5, -0, -0.0000, -3.2000e-05",
            "0.12345, 0, 0.1235, 1.2345e-01", "1.00005, 1, 1.0001, 1.0001e+00",
            "123456.5, 123456, 123456.5000, 1.2346e+05", "NaN, nan, nan, nan", "-Infinity, -inf, -inf, -inf"})
    void numbersFormatAsPythonFormatsThem(double x, String zeroDigits, String fourDigits, String scientific) {
        assertEquals(zeroDigits, Progbar.fixed(x, 0));
        assertEquals(fourDigits, Progbar.fixed(x, 4));
        assertEquals(scientific, Progbar.scientific(x, 4));
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
