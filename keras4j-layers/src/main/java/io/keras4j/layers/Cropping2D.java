package io.keras4j.layers;

import java.util.Map;

/**
 * Crops the rows and columns of an image, as keras/src/layers/reshaping/cropping2d.py {@code Cropping2D}. Keras default cropping 0.
 *
 * <p>{@code cropping} is an int (the same before and after every spatial dimension), a list of 2 ints (symmetric per dimension) or a list of 2 pairs {@code (before, after)}.
 * Input {@code (batch, rows, cols, channels)} (channels_last) or {@code (batch, channels, ...)} (channels_first).
 */
public class Cropping2D extends Margins {
    /** Keras's default cropping (0 before and after every spatial dimension). */
    public Cropping2D() {
        this(0);
    }

    /** @param cropping an Integer, a List of ints, or a List of pairs, as Keras's argument */
    public Cropping2D(Object cropping) {
        super(cropping, 2, true);
    }

    public Cropping2D(int cropping) {
        this((Object) cropping);
    }

    public Cropping2D dataFormat(String dataFormat) {
        setDataFormat(dataFormat);
        return this;
    }

    /** A Cropping2D layer from its Keras config. */
    public static Cropping2D fromConfig(Map<String, Object> map) {
        return Margins.fromConfig("Cropping2D", map, 0, true, Cropping2D::new);
    }
}
