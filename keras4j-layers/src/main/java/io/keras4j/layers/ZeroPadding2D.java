package io.keras4j.layers;

import java.util.Map;

/**
 * Pads the rows and columns of an image with zeros, as keras/src/layers/reshaping/zero_padding2d.py {@code ZeroPadding2D}. Default padding 1.
 *
 * <p>{@code padding} is an int (the same before and after every spatial dimension), a list of 2 ints (symmetric per dimension) or a list of 2 pairs {@code (before, after)}.
 * Input {@code (batch, rows, cols, channels)} (channels_last) or {@code (batch, channels, ...)} (channels_first).
 */
public class ZeroPadding2D extends Margins {
    /** Keras's default padding (1 before and after every spatial dimension). */
    public ZeroPadding2D() {
        this(1);
    }

    /** @param padding an Integer, a List of ints, or a List of pairs, as Keras's argument */
    public ZeroPadding2D(Object padding) {
        super(padding, 2, false);
    }

    public ZeroPadding2D(int padding) {
        this((Object) padding);
    }

    public ZeroPadding2D dataFormat(String dataFormat) {
        setDataFormat(dataFormat);
        return this;
    }

    /** A ZeroPadding2D layer from its Keras config. */
    public static ZeroPadding2D fromConfig(Map<String, Object> map) {
        return Margins.fromConfig("ZeroPadding2D", map, 1, false, ZeroPadding2D::new);
    }
}
