package io.keras4j.layers;

import java.util.Map;

/**
 * Crops the three spatial axes, as keras/src/layers/reshaping/cropping3d.py {@code Cropping3D}. Keras default cropping 1.
 *
 * <p>{@code cropping} is an int (the same before and after every spatial dimension), a list of 3 ints (symmetric per dimension) or a list of 3 pairs {@code (before, after)}.
 * Input {@code (batch, dim1, dim2, dim3, channels)} (channels_last) or {@code (batch, channels, ...)} (channels_first).
 */
public class Cropping3D extends Margins {
    /** Keras's default cropping (1 before and after every spatial dimension). */
    public Cropping3D() {
        this(1);
    }

    /** @param cropping an Integer, a List of ints, or a List of pairs, as Keras's argument */
    public Cropping3D(Object cropping) {
        super(cropping, 3, true);
    }

    public Cropping3D(int cropping) {
        this((Object) cropping);
    }

    public Cropping3D dataFormat(String dataFormat) {
        setDataFormat(dataFormat);
        return this;
    }

    /** A Cropping3D layer from its Keras config. */
    public static Cropping3D fromConfig(Map<String, Object> map) {
        return Margins.fromConfig("Cropping3D", map, 1, true, Cropping3D::new);
    }
}
