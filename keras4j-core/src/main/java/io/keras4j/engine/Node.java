package io.keras4j.engine;

import java.util.List;

/**
 * One call of a layer in the functional graph, as Keras's {@code Node}: the layer, the tensors it was
 * called on and the tensors it produced. A layer shared by several calls has several nodes.
 */
public final class Node {
    private final Layer layer;
    private final List<KerasTensor> inputs;
    private List<KerasTensor> outputs;

    Node(Layer layer, List<KerasTensor> inputs) {
        this.layer = layer;
        this.inputs = List.copyOf(inputs);
    }

    public Layer layer() {
        return layer;
    }

    public List<KerasTensor> inputs() {
        return inputs;
    }

    public List<KerasTensor> outputs() {
        return outputs;
    }

    void setOutputs(List<KerasTensor> outputs) {
        this.outputs = List.copyOf(outputs);
    }

    /** Whether this node is the source of a model input (an {@link InputLayer} node). */
    public boolean isInput() {
        return inputs.isEmpty();
    }
}
