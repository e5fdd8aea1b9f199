package io.keras4j.saving;

import java.util.List;
import java.util.Map;

/**
 * Checked reads of parsed JSON: each names the file and element and says what was expected, so a config of
 * the wrong shape raises {@link KerasFormatException} instead of a ClassCastException or an NPE.
 */
final class Shape {
    /** The largest dimension accepted in a saved shape (2^31 - 1), against hostile files. */
    static final long MAX_DIM = Integer.MAX_VALUE;

    private Shape() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, Origin origin, String what) {
        if (!(value instanceof Map)) {
            throw new KerasFormatException(origin.where(), what + ": expected a JSON object, got " + describe(value));
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, Origin origin, String what) {
        if (!(value instanceof List)) {
            throw new KerasFormatException(origin.where(), what + ": expected a JSON list, got " + describe(value));
        }
        return (List<Object>) value;
    }

    static String string(Object value, Origin origin, String what) {
        if (!(value instanceof String)) {
            throw new KerasFormatException(origin.where(), what + ": expected a string, got " + describe(value));
        }
        return (String) value;
    }

    static int integer(Object value, Origin origin, String what) {
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0
                || ((Number) value).longValue() > MAX_DIM) {
            throw new KerasFormatException(origin.where(), what + ": expected a non-negative integer, got " + describe(value));
        }
        return ((Number) value).intValue();
    }

    /** A shape list with null (or -1) for unknown dimensions, as -1. */
    static long[] dims(Object value, Origin origin, String what) {
        List<Object> list = list(value, origin, what);
        if (list.size() > 32) {
            throw new KerasFormatException(origin.where(), what + ": a shape of rank " + list.size() + " is not plausible");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object d = list.get(i);
            if (d == null) {
                out[i] = -1;
            } else if ((d instanceof Integer || d instanceof Long) && ((Number) d).longValue() >= -1
                    && ((Number) d).longValue() <= MAX_DIM && ((Number) d).longValue() != 0) {
                out[i] = ((Number) d).longValue();
            } else {
                throw new KerasFormatException(origin.where(), what + ": dimension " + i + " must be a positive integer or null, got "
                        + describe(d));
            }
        }
        return out;
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String kind = value instanceof Map ? "object" : value instanceof List ? "list" : value instanceof String ? "string"
                : value instanceof Number ? "number" : value instanceof Boolean ? "boolean" : value.getClass().getSimpleName();
        return kind + " " + ModelConfig.jsonSafe(value);
    }
}
