package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An {@code axis} argument that is one int or a list of ints, as LayerNormalization and RMSNormalization
 * take it: kept as given for the config, resolved to sorted non-negative axes for an input rank.
 */
final class NormalizationAxes {
    private final int[] axes;
    private final boolean list;

    NormalizationAxes(int[] axes, boolean list) {
        if (axes.length == 0) {
            throw new IllegalArgumentException("argument `axis` must name at least one axis");
        }
        this.axes = axes.clone();
        this.list = list;
    }

    /** Reads {@code key} of a config as an int or an int list (default -1). */
    static NormalizationAxes from(Config c, String key) {
        if (!c.has(key)) {
            return new NormalizationAxes(new int[]{-1}, false);
        }
        int[] axes = Arrays.stream(c.getLongs(key)).mapToInt(l -> (int) l).toArray();
        return new NormalizationAxes(axes, !(c.raw(key) instanceof Number));
    }

    /** The axes for an input of {@code rank}, sorted, or an error naming the layer. */
    int[] resolve(int rank, String layer) {
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = axes[i] < 0 ? axes[i] + rank : axes[i];
            if (out[i] < 1 || out[i] >= rank) {
                throw new IllegalArgumentException(layer + ": axis " + axes[i] + " is out of bounds for an input of rank " + rank
                        + " (the batch axis 0 cannot be normalized over)");
            }
        }
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw new IllegalArgumentException(layer + ": duplicate axes are not allowed, got axis=" + configValue());
            }
        }
        return out;
    }

    /** The value for {@code get_config}: an int if given as one, else a list. */
    Object configValue() {
        if (!list) {
            return axes[0];
        }
        List<Integer> out = new ArrayList<>();
        for (int a : axes) {
            out.add(a);
        }
        return out;
    }
}
