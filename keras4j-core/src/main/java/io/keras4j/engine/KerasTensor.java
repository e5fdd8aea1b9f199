package io.keras4j.engine;

import io.keras4j.backend.Backend;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A symbolic tensor, as {@code keras.KerasTensor}: a shape (with -1 for the unknown batch axis, Keras's
 * {@code None}) and a dtype, produced by a {@link Node}. Calling a layer on KerasTensors builds the
 * functional graph that {@code Model} executes.
 */
public final class KerasTensor {
    private final long[] shape;
    private final DataType dtype;
    private final Node node;
    private final int index;
    private final String name;

    KerasTensor(long[] shape, DataType dtype, Node node, int index, String name) {
        this.shape = shape.clone();
        this.dtype = dtype;
        this.node = node;
        this.index = index;
        this.name = name;
    }

    /** The shape including the batch axis; -1 marks an unknown dimension. */
    public long[] shape() {
        return shape.clone();
    }

    public DataType dtype() {
        return dtype;
    }

    /** The node that produced this tensor. */
    public Node node() {
        return node;
    }

    /** Which output of its node this tensor is. */
    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "<KerasTensor shape=" + Shapes.format(shape) + ", dtype=" + Backend.dtypeName(dtype) + ", name=" + name + ">";
    }
}
