package io.keras4j.layers;

import io.keras4j.backend.Backend;
import io.keras4j.engine.InputLayer;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Shapes;

/**
 * The symbolic input of a functional model, as {@code keras.Input(shape=...)}:
 * {@code KerasTensor x = Input.of(784);} ({@code -1} marks an unknown dimension).
 */
public final class Input {
    private Input() {
    }

    /** An input with the given sample shape (without the batch axis), in floatx. */
    public static KerasTensor of(long... shape) {
        return new InputLayer(shape).output();
    }

    /** Same as {@link #of(long...)} for int dimensions. */
    public static KerasTensor of(int... shape) {
        return of(java.util.Arrays.stream(shape).asLongStream().toArray());
    }

    /**
     * An input with a fixed batch size, as {@code keras.Input(batch_shape=(32, 10))}: {@code Input.ofBatchShape(32, 10)}
     * (the first dimension is the batch; -1 leaves it unknown).
     */
    public static KerasTensor ofBatchShape(long... batchShape) {
        if (batchShape.length == 0) {
            throw new IllegalArgumentException("Input: `batch_shape` needs at least the batch dimension, got ()");
        }
        return new InputLayer(batchShape, null, Backend.floatx()).output();
    }

    /**
     * An input with a name and dtype, as {@code keras.Input(shape=, name=, dtype=)}.
     *
     * @param name  the input layer name, or null for a default
     * @param dtype "float32", "int32", ... or null for floatx
     */
    public static KerasTensor of(long[] shape, String name, String dtype) {
        return new InputLayer(Shapes.withBatch(shape), name, dtype == null ? Backend.floatx() : dtype).output();
    }
}
