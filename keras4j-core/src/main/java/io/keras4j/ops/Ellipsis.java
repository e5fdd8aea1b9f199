package io.keras4j.ops;

/**
 * Python's {@code ...} in the index of {@code keras.ops} {@code GetItem} ({@code x[..., 0]}): as many full slices as
 * the axes the other index elements leave. Saved by Keras as {@code {"class_name": "__ellipsis__", "config": {}}}.
 */
public enum Ellipsis {
    INSTANCE
}
