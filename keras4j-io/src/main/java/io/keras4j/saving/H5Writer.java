package io.keras4j.saving;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.exceptions.HdfException;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes an HDF5 file through jhdf: a failure of the library (a full disk, an I/O error) becomes an
 * {@link IOException} that keeps jhdf's exception and its cause, and jhdf's writer does not log on every save.
 *
 * <p>jhdf 0.10.0 logs "Writing files is in alpha. Check files carefully!" (WARN) and two INFO lines each time a file
 * is written, through the SLF4J logger {@value #LOGGER}. keras4j's writers are checked against h5py and Keras, so
 * before its first write keras4j raises that one logger's threshold to ERROR, unless you set a level for it
 * yourself: with slf4j-simple (system property {@code org.slf4j.simpleLogger.log.io.jhdf.WritableHdfFile}),
 * Logback and {@code java.util.logging}; no other logger is touched (Log4j 2 shows only errors by default).
 */
final class H5Writer {
    /** The logger jhdf's writer logs through. */
    static final String LOGGER = "io.jhdf.WritableHdfFile";
    /** Keeps the java.util.logging logger (held weakly by its manager) and its level alive. */
    private static Logger julLogger;
    private static boolean quiet;

    /** Fills an open HDF5 file. */
    @FunctionalInterface
    interface Body {
        void writeTo(WritableHdfFile h5);
    }

    private H5Writer() {
    }

    /** Creates {@code file} (which must not exist), fills it and writes it to disk. */
    static void write(Path file, Body body) throws IOException {
        quietJhdf();
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            body.writeTo(h5);
            h5.removeAttribute("_jHDF");
        } catch (HdfException e) {
            throw new IOException("HDF5 write failed: " + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause()), e);
        }
    }

    /** Raises jhdf's writer logger to ERROR once, where the user has not configured it (see the class comment). */
    static synchronized void quietJhdf() {
        if (quiet) {
            return;
        }
        quiet = true;
        String factory = LoggerFactory.getILoggerFactory().getClass().getName();
        switch (factory) {
            case "org.slf4j.simple.SimpleLoggerFactory" -> {
                String key = "org.slf4j.simpleLogger.log." + LOGGER;
                if (System.getProperty(key) == null) {
                    System.setProperty(key, "error");
                }
            }
            case "org.slf4j.jul.JDK14LoggerFactory" -> {
                julLogger = Logger.getLogger(LOGGER);
                if (julLogger.getLevel() == null) {
                    julLogger.setLevel(Level.SEVERE);
                }
            }
            case "ch.qos.logback.classic.LoggerContext" -> quietLogback();
            default -> {
                // Other providers keep their configuration.
            }
        }
    }

    private static void quietLogback() {
        Object logger = LoggerFactory.getLogger(LOGGER);
        try {
            Class<?> type = logger.getClass();
            if (type.getMethod("getLevel").invoke(logger) == null) {
                Class<?> level = Class.forName("ch.qos.logback.classic.Level", true, type.getClassLoader());
                Method setLevel = type.getMethod("setLevel", level);
                setLevel.invoke(logger, level.getField("ERROR").get(null));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // An unexpected Logback version: its messages stay as configured.
        }
    }
}
