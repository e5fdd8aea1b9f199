package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.keras4j.engine.InputLayer;
import io.keras4j.layers.Dense;
import io.keras4j.models.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Saving does not print jhdf's "Writing files is in alpha" warning (the tests log through slf4-simple at WARN). */
class H5WriterTest {
    @TempDir
    Path dir;

    @Test
    void savingPrintsNothing() {
        assertEquals("org.slf4j.simple.SimpleLoggerFactory", LoggerFactory.getILoggerFactory().getClass().getName());
        Sequential model = new Sequential(new InputLayer(3), new Dense(2));
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            model.save(dir.resolve("m.h5"));
            model.save(dir.resolve("m.keras"));
            model.saveWeights(dir.resolve("m.weights.h5"));
        } finally {
            System.setErr(err);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("alpha") || text.contains("jhdf"), text);
        assertFalse(LoggerFactory.getLogger(H5Writer.LOGGER).isWarnEnabled(), "jhdf's writer logger is at ERROR");
        assertEquals("org.slf4j.simpleLogger.defaultLogLevel=warn",
                "org.slf4j.simpleLogger.defaultLogLevel=" + System.getProperty("org.slf4j.simpleLogger.defaultLogLevel"),
                "the user's other logging settings are untouched");
    }
}
