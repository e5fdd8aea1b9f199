package io.keras4j.saving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/**
 * JSON text exactly as Python's {@code json.dumps} writes it (Keras's {@code to_json}): separators
 * {@code ", "} and {@code ": "}, floats in Python's shortest {@code repr} ({@code 0.001}, {@code 1e-07},
 * {@code 1.0}), non-ASCII escaped, {@code NaN}/{@code Infinity} as Python writes them. Reading keeps key
 * order, tells integers from floats and accepts Python's non-finite numbers.
 */
final class JsonText {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JsonText() {
    }

    /**
     * Parses JSON text into maps (insertion-ordered), lists, strings, numbers, booleans and nulls.
     *
     * @param source names the text in error messages (a file, an archive entry, an attribute)
     * @throws KerasFormatException if the text is not JSON
     */
    static Object parse(String text, String source) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new KerasFormatException(source, "is not valid JSON: " + e.getOriginalMessage());
        } catch (RuntimeException | StackOverflowError e) {
            throw new KerasFormatException(source, "is not valid JSON: " + e);
        }
    }

    /** The text of a value made of maps, lists, strings, numbers, booleans and nulls, as {@code json.dumps}. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String) {
            string((String) value, out);
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            out.append(pythonFloat(((Number) value).doubleValue()));
        } else if (value instanceof Number) {
            out.append(value);
        } else if (value instanceof Map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                string(String.valueOf(e.getKey()), out);
                out.append(": ");
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List) {
            out.append('[');
            boolean first = true;
            for (Object e : (List<?>) value) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                write(e, out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("Cannot write a " + value.getClass().getName() + " as JSON: " + value
                    + " (serialize it to its Keras config first)");
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    /** Python's {@code repr(float)}: the shortest digits that read back to the same double. */
    static String pythonFloat(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Infinity" : "-Infinity";
        }
        if (x == 0) {
            return (1 / x < 0) ? "-0.0" : "0.0";
        }
        String sci = null;
        for (int p = 1; p <= 17; p++) {
            String s = String.format(java.util.Locale.ROOT, "%." + (p - 1) + "e", x);
            if (Double.parseDouble(s) == x) {
                sci = s;
                break;
            }
        }
        boolean negative = sci.startsWith("-");
        int e = sci.indexOf('e');
        String digits = sci.substring(negative ? 1 : 0, e).replace(".", "");
        digits = digits.replaceAll("0+$", "");
        if (digits.isEmpty()) {
            digits = "0";
        }
        int exp = Integer.parseInt(sci.substring(e + 1));
        int decpt = exp + 1;
        StringBuilder out = new StringBuilder(negative ? "-" : "");
        if (decpt <= -4 || decpt > 16) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exp < 0 ? '-' : '+');
            String ad = Integer.toString(Math.abs(exp));
            out.append(ad.length() < 2 ? "0" + ad : ad);
        } else if (decpt <= 0) {
            out.append("0.").append("0".repeat(-decpt)).append(digits);
        } else if (decpt >= digits.length()) {
            out.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
        } else {
            out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
        return out.toString();
    }
}
