package io.keras4j.utils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** What real Keras printed for ProgbarTest and ProgbarLoggerTest, written by src/test/python/progbar_golden.py. */
public final class ProgbarGolden {
    private ProgbarGolden() {
    }

    /** The bytes Keras printed for case {@code name}, as UTF-8 text. */
    public static String read(String name) {
        try (InputStream in = ProgbarGolden.class.getResourceAsStream("progbar/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalStateException("no golden file progbar/" + name + ".txt: run progbar_golden.py");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
