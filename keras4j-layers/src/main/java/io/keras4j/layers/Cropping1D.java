package io.keras4j.layers;

import java.util.Map;

/**
 * Crops the time axis, as keras/src/layers/reshaping/cropping1d.py {@code Cropping1D}. Keras default cropping (1, 1).
 *
 * <p>{@code cropping} is an int (the same before and after every spatial dimension) or a pair {@code (before, after)}.
 * Input {@code (batch, steps, features)} (channels_last) or {@code (batch, channels, ...)} (channels_first).
 */
public class Cropping1D extends Margins {
    /** Keras's default cropping (1 before and after every spatial dimension). */
    public Cropping1D() {
        this(1);
    }

    /** @param cropping an Integer, a List of ints, or a List of pairs, as Keras's argument */
    public Cropping1D(Object cropping) {
        super(cropping, 1, true);
    }

    public Cropping1D(int cropping) {
        this((Object) cropping);
    }

    public Cropping1D dataFormat(String dataFormat) {
        setDataFormat(dataFormat);
        return this;
    }

    /** A Cropping1D layer from its Keras config. */
    public static Cropping1D fromConfig(Map<String, Object> map) {
        return Margins.fromConfig("Cropping1D", map, 1, true, Cropping1D::new);
    }
}
