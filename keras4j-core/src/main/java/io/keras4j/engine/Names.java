package io.keras4j.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * Unique default names, as Keras's {@code auto_name}: the first "dense", then "dense_1", "dense_2", ...
 * per name, for the life of the JVM or until {@link #clear()} ({@code keras.backend.clear_session}).
 */
public final class Names {
    private static final Map<String, Integer> COUNTS = new HashMap<>();

    private Names() {
    }

    /** Returns {@code base} the first time, then {@code base_1}, {@code base_2}, ... */
    public static synchronized String unique(String base) {
        int n = COUNTS.getOrDefault(base, 0);
        COUNTS.put(base, n + 1);
        return n == 0 ? base : base + "_" + n;
    }

    /** Resets all counters, as {@code keras.backend.clear_session()}. */
    public static synchronized void clear() {
        COUNTS.clear();
    }

    /** Keras's {@code to_snake_case}: "BatchNormalization" to "batch_normalization", "Conv2D" to "conv2d". */
    public static String toSnakeCase(String name) {
        String s = name.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        s = s.replaceAll("([a-z])([A-Z])", "$1_$2");
        return s.toLowerCase();
    }
}
