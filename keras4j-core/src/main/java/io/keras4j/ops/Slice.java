package io.keras4j.ops;

/**
 * A Python slice {@code start:stop:step} in the index of {@code keras.ops} {@code GetItem} ({@code x[:, 1:3]}): null
 * parts take Python's defaults; negative {@code start}/{@code stop} count from the end. Saved by Keras as
 * {@code {"class_name": "__slice__", "config": {"start": ..., "stop": ..., "step": ...}}}.
 *
 * @param start first index, or null for 0
 * @param stop  end (exclusive), or null for the axis size
 * @param step  stride, or null for 1; negative to walk backwards ({@code ::-1})
 */
public record Slice(Integer start, Integer stop, Integer step) {
    public Slice {
        if (step != null && step == 0) {
            throw new IllegalArgumentException("Slice: step cannot be zero");
        }
    }

    /** {@code start:stop}, as Python's {@code x[start:stop]}. */
    public static Slice of(Integer start, Integer stop) {
        return new Slice(start, stop, null);
    }
}
