package io.keras4j.engine;

import java.util.List;

/**
 * One call of a layer in the functional graph, as Keras's {@code Node}: the layer, the tensors it was
 * called on and the tensors it produced. A layer shared by several calls has several nodes.
 */
public final class Node {
    private final Layer layer;
    private final List<KerasTensor> inputs;
    private final List<KerasTensor> masks;
    private List<KerasTensor> outputs;

    Node(Layer layer, List<KerasTensor> inputs, List<KerasTensor> masks) {
        this.layer = layer;
        this.inputs = List.copyOf(inputs);
        this.masks = masks == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(masks));
    }

    public Layer layer() {
        return layer;
    }

    public List<KerasTensor> inputs() {
        return inputs;
    }

    /**
     * The masks passed explicitly to the call, as Keras's {@code layer(x, mask=m)} (how Keras 3 saves a mask between
     * layers of a functional model): one entry per input, null where none was passed; empty when none was.
     */
    public List<KerasTensor> masks() {
        return masks;
    }

    /** The tensors this node depends on: its inputs, then its explicit masks. */
    public List<KerasTensor> dependencies() {
        if (masks.isEmpty()) {
            return inputs;
        }
        List<KerasTensor> out = new java.util.ArrayList<>(inputs);
        for (KerasTensor m : masks) {
            if (m != null) {
                out.add(m);
            }
        }
        return out;
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
