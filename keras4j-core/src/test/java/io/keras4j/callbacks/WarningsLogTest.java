package io.keras4j.callbacks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Callback warnings go through SLF4J (here the test binding slf4j-simple, which writes "LEVEL logger - message" to
 * stderr), not straight to System.err, so a service's logging configuration routes or silences them.
 */
class WarningsLogTest {

    @Test
    void missingMonitoredMetricIsLoggedAsWarning() {
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            EarlyStopping stopping = new EarlyStopping().monitor("val_auc");
            stopping.onTrainBegin(Map.of());
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", 0.5);
            logs.put("accuracy", 0.75);
            stopping.onEpochEnd(0, logs);
        } finally {
            System.setErr(before);
        }
        String logged = err.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("WARN io.keras4j.callbacks.MonitorCallback - Early stopping conditioned on metric "
                + "`val_auc` which is not available. Available metrics are: loss,accuracy"), logged);
    }
}
