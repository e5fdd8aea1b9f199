package io.keras4j.engine;

import io.keras4j.backend.Backend;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The source of a model input, as {@code keras.layers.InputLayer}: holds the input's shape and dtype and
 * produces the symbolic tensor that {@code Input.of(...)} returns. It has no weights; at run time it
 * passes the data through.
 */
public final class InputLayer extends Layer {
    private final long[] batchShape;
    private final KerasTensor output;

    /**
     * An input of the given shape without the batch axis ({@code -1} for an unknown dimension).
     *
     * @param shape the sample shape, e.g. {@code 784} or {@code 28, 28, 1}
     */
    public InputLayer(long... shape) {
        this(Shapes.withBatch(shape), null, Backend.floatx());
    }

    /**
     * An input with a full batch shape, as Keras's {@code InputLayer(batch_shape=..., name=..., dtype=...)}.
     *
     * @param batchShape the shape with the batch axis first (-1 for None)
     * @param name       the layer name, or null for a default ("input_layer", "input_layer_1", ...)
     * @param dtype      the Keras dtype name of the data ("float32", "int32", ...)
     */
    public InputLayer(long[] batchShape, String name, String dtype) {
        if (batchShape.length == 0) {
            throw new IllegalArgumentException("InputLayer: shape must have at least the batch axis, got []");
        }
        this.batchShape = batchShape.clone();
        if (name != null) {
            name(name);
        }
        dtype(dtype);
        Node node = new Node(this, List.of(), null);
        this.output = new KerasTensor(this.batchShape, dtype(), node, 0, name());
        node.setOutputs(List.of(output));
        ensureBuilt(List.of());
    }

    /** The symbolic tensor this input produces. */
    public KerasTensor output() {
        return output;
    }

    /** The input shape with the batch axis first (-1 for None). */
    public long[] batchShape() {
        return batchShape.clone();
    }

    @Override
    protected void build(List<long[]> inputShapes) {
    }

    @Override
    public List<long[]> computeOutputShapes(List<long[]> inputShapes) {
        return List.of(batchShape.clone());
    }

    @Override
    public INDArray[] call(INDArray[] inputs, CallContext ctx) {
        return inputs;
    }

    @Override
    public INDArray[] backward(INDArray[] outputGradients, CallContext ctx) {
        return outputGradients;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.remove("trainable");
        List<Object> shape = new ArrayList<>();
        for (long d : batchShape) {
            shape.add(d < 0 ? null : d);
        }
        Map<String, Object> ordered = new java.util.LinkedHashMap<>();
        ordered.put("batch_shape", shape);
        ordered.put("dtype", config.get("dtype"));
        ordered.put("sparse", false);
        ordered.put("ragged", false);
        ordered.put("name", name());
        ordered.put("optional", false);
        return ordered;
    }

    @Override
    public String toString() {
        return "<InputLayer name=" + name() + ", batch_shape=" + Arrays.toString(batchShape) + ">";
    }
}
