package io.keras4j.saving;

/**
 * Raised when a valid Keras file uses something keras4j does not implement yet: a layer class, a
 * regularizer, a weight layout. The message names the file, the element and the missing feature, e.g.
 * {@code "cnn2d.keras: layer 'conv2d': layer class 'Conv2D' is not available in keras4j"}.
 */
public class UnsupportedFeatureException extends KerasFormatException {
    private static final long serialVersionUID = 1L;

    /**
     * @param where   the file and element
     * @param feature what is missing
     */
    public UnsupportedFeatureException(String where, String feature) {
        super(where, feature);
    }
}
