package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.ArrayList;
import java.util.List;

/**
 * Argument helpers of the spatial reshaping layers (padding, cropping, upsampling): Keras's
 * {@code data_format} and its int / tuple / tuple-of-pairs arguments
 * (keras/src/utils/argument_validation.py {@code standardize_tuple}).
 */
final class Spatial {
    private Spatial() {
    }

    /** "channels_last" (default, also for null) or "channels_first"; anything else is an error naming the layer. */
    static String dataFormat(String value, String layer) {
        if (value == null || value.equals("channels_last")) {
            return "channels_last";
        }
        if (value.equals("channels_first")) {
            return value;
        }
        throw new IllegalArgumentException(layer + ": argument `data_format` must be \"channels_last\" or \"channels_first\", got \"" + value + "\"");
    }

    /** The axis of spatial dimension {@code i} (0-based) in a rank {@code rank} input. */
    static int axis(String dataFormat, int i) {
        return dataFormat.equals("channels_first") ? i + 2 : i + 1;
    }

    /**
     * Pairs {@code (before, after)} per spatial dimension from a Keras argument: an int (same everywhere), a list
     * of {@code dims} ints (symmetric per dimension; for one dimension a pair is {@code (before, after)}), or a list
     * of {@code dims} pairs.
     */
    static long[][] pairs(Object value, int dims, String argument, String layer) {
        long[][] out = new long[dims][2];
        if (value instanceof Number) {
            long v = ((Number) value).longValue();
            for (long[] p : out) {
                p[0] = v;
                p[1] = v;
            }
            return check(out, argument, layer, value);
        }
        List<?> list = asList(value);
        if (dims == 1 && list != null && list.size() == 2 && list.get(0) instanceof Number) {
            out[0][0] = ((Number) list.get(0)).longValue();
            out[0][1] = ((Number) list.get(1)).longValue();
            return check(out, argument, layer, value);
        }
        if (list == null || list.size() != dims) {
            throw new IllegalArgumentException(layer + ": argument `" + argument + "` must be an int, a tuple of " + dims
                    + " ints or a tuple of " + dims + " pairs of ints, got " + value);
        }
        for (int i = 0; i < dims; i++) {
            Object e = list.get(i);
            List<?> pair = asList(e);
            if (e instanceof Number) {
                out[i][0] = ((Number) e).longValue();
                out[i][1] = out[i][0];
            } else if (pair != null && pair.size() == 2 && pair.get(0) instanceof Number && pair.get(1) instanceof Number) {
                out[i][0] = ((Number) pair.get(0)).longValue();
                out[i][1] = ((Number) pair.get(1)).longValue();
            } else {
                throw new IllegalArgumentException(layer + ": entry " + i + " of argument `" + argument + "` must be an int or a pair, got " + e);
            }
        }
        return check(out, argument, layer, value);
    }

    private static long[][] check(long[][] pairs, String argument, String layer, Object value) {
        for (long[] p : pairs) {
            if (p[0] < 0 || p[1] < 0) {
                throw new IllegalArgumentException(layer + ": argument `" + argument + "` must be non-negative, got " + value);
            }
        }
        return pairs;
    }

    /** Sizes per spatial dimension: an int (same everywhere) or a list of {@code dims} positive ints. */
    static long[] sizes(Object value, int dims, String argument, String layer) {
        long[] out = new long[dims];
        List<?> list = asList(value);
        for (int i = 0; i < dims; i++) {
            Object e = value instanceof Number ? value : list != null && list.size() == dims ? list.get(i) : null;
            if (!(e instanceof Number) || ((Number) e).longValue() <= 0) {
                throw new IllegalArgumentException(layer + ": argument `" + argument + "` must be a positive int or a tuple of " + dims
                        + " positive ints, got " + value);
            }
            out[i] = ((Number) e).longValue();
        }
        return out;
    }

    private static List<?> asList(Object value) {
        if (value instanceof List) {
            return (List<?>) value;
        }
        if (value instanceof int[] || value instanceof long[]) {
            List<Long> out = new ArrayList<>();
            for (long v : value instanceof int[] ? java.util.Arrays.stream((int[]) value).asLongStream().toArray() : (long[]) value) {
                out.add(v);
            }
            return out;
        }
        return null;
    }

    /** The pairs as Keras's config writes them: a pair for one dimension, else a list of pairs. */
    static Object pairsConfig(long[][] pairs) {
        List<Object> out = new ArrayList<>();
        for (long[] p : pairs) {
            out.add(List.of(p[0], p[1]));
        }
        return pairs.length == 1 ? out.get(0) : out;
    }

    /** The sizes as a list (or the single int for one dimension, as UpSampling1D's {@code size}). */
    static Object sizesConfig(long[] sizes) {
        List<Long> out = new ArrayList<>();
        for (long s : sizes) {
            out.add(s);
        }
        return sizes.length == 1 ? (Object) sizes[0] : out;
    }

    /** Reads {@code data_format} from a config. */
    static String dataFormat(Config c, String layer) {
        return dataFormat(c.getString("data_format", null), layer);
    }
}
