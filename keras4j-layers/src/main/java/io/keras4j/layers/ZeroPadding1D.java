package io.keras4j.layers;

import java.util.Map;

/**
 * Pads the time axis with zeros, as keras/src/layers/reshaping/zero_padding1d.py {@code ZeroPadding1D}. Default padding 1.
 *
 * <p>{@code padding} is an int (the same before and after every spatial dimension) or a pair {@code (before, after)}.
 * Input {@code (batch, steps, features)} (channels_last) or {@code (batch, channels, ...)} (channels_first).
 */
public class ZeroPadding1D extends Margins {
    /** Keras's default padding (1 before and after every spatial dimension). */
    public ZeroPadding1D() {
        this(1);
    }

    /** @param padding an Integer, a List of ints, or a List of pairs, as Keras's argument */
    public ZeroPadding1D(Object padding) {
        super(padding, 1, false);
    }

    public ZeroPadding1D(int padding) {
        this((Object) padding);
    }

    public ZeroPadding1D dataFormat(String dataFormat) {
        setDataFormat(dataFormat);
        return this;
    }

    /** A ZeroPadding1D layer from its Keras config. */
    public static ZeroPadding1D fromConfig(Map<String, Object> map) {
        return Margins.fromConfig("ZeroPadding1D", map, 1, false, ZeroPadding1D::new);
    }
}
