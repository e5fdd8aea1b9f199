package io.keras4j.layers;

import java.util.Map;

/**
 * Pads the three spatial axes with zeros, as keras/src/layers/reshaping/zero_padding3d.py {@code ZeroPadding3D}. Default padding 1.
 *
 * <p>{@code padding} is an int (the same before and after every spatial dimension), a list of 3 ints (symmetric per dimension) or a list of 3 pairs {@code (before, after)}.
 * Input {@code (batch, dim1, dim2, dim3, channels)} (channels_last) or {@code (batch, channels, ...)} (channels_first).
 */
public class ZeroPadding3D extends Margins {
    /** Keras's default padding (1 before and after every spatial dimension). */
    public ZeroPadding3D() {
        this(1);
    }

    /** @param padding an Integer, a List of ints, or a List of pairs, as Keras's argument */
    public ZeroPadding3D(Object padding) {
        super(padding, 3, false);
    }

    public ZeroPadding3D(int padding) {
        this((Object) padding);
    }

    public ZeroPadding3D dataFormat(String dataFormat) {
        setDataFormat(dataFormat);
        return this;
    }

    /** A ZeroPadding3D layer from its Keras config. */
    public static ZeroPadding3D fromConfig(Map<String, Object> map) {
        return Margins.fromConfig("ZeroPadding3D", map, 1, false, ZeroPadding3D::new);
    }
}
