package io.keras4j.saving;

import java.nio.file.Path;

/**
 * Raised when a file is corrupt, truncated or not in the format keras4j expected.
 *
 * <p>The message always starts with the file, then says what is wrong, e.g.
 * {@code "weights.npy: declared shape (1000, 1000) of <f4 needs 4000000 data bytes, the file holds 12"}.
 * It is unchecked, as Python's {@code ValueError} is in Keras.
 */
public class KerasFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file    the file (or archive entry) that is wrong
     * @param problem what is wrong with it
     */
    public KerasFormatException(Path file, String problem) {
        this(String.valueOf(file), problem);
    }

    /**
     * @param file    the file (or archive entry) that is wrong
     * @param problem what is wrong with it
     * @param cause   the low-level error that revealed the problem
     */
    public KerasFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }

    /**
     * @param fileName the name of the file (or archive entry) that is wrong
     * @param problem  what is wrong with it
     */
    public KerasFormatException(String fileName, String problem) {
        super(fileName + ": " + problem);
    }

    /**
     * @param message the complete message, starting with the file
     * @param cause   the low-level error that revealed the problem
     */
    public KerasFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
