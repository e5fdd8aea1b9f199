package io.keras4j.models;

import io.keras4j.engine.Graph;
import io.keras4j.engine.InputLayer;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A linear stack of layers, as {@code keras.Sequential}: built on the same graph machinery as {@link Model}.
 * The input comes from an {@link InputLayer} added first, from the first layer's {@code inputShape(...)},
 * or, failing both, from the shape of the first data passed to {@code fit}/{@code predict}.
 *
 * <pre>{@code
 * Sequential model = new Sequential();
 * model.add(new Flatten().inputShape(28 * 28));
 * model.add(new Dense(512, "relu"));
 * model.add(new Dense(10, "softmax"));
 * }</pre>
 */
public class Sequential extends Model {
    private final List<Layer> layers = new ArrayList<>();
    private InputLayer input;
    private KerasTensor output;

    /** A model with the given layers, as {@code keras.Sequential([...])}. */
    public Sequential(Layer... layers) {
        for (Layer layer : layers) {
            add(layer);
        }
    }

    @Override
    public String className() {
        return "Sequential";
    }

    /** Adds a layer on top of the stack, as {@code model.add(layer)}. */
    public void add(Layer layer) {
        if (layer instanceof InputLayer) {
            if (input != null || !layers.isEmpty()) {
                throw new IllegalArgumentException("Sequential \"" + name() + "\": an InputLayer can only be the first layer; "
                        + "got \"" + layer.name() + "\" after " + (input != null ? "input \"" + input.name() + "\"" : layers.size() + " layer(s)"));
            }
            input = (InputLayer) layer;
            output = input.output();
            return;
        }
        for (Layer existing : layers) {
            if (existing.name().equals(layer.name())) {
                throw new IllegalArgumentException("Sequential \"" + name() + "\": all layers must have unique names; \""
                        + layer.name() + "\" is already in the model");
            }
        }
        if (input == null && layers.isEmpty() && layer.declaredInputShape() != null) {
            input = new InputLayer(layer.declaredInputShape());
            output = input.output();
        }
        layers.add(layer);
        if (output != null) {
            output = layer.apply(output);
            setGraph(new Graph(List.of(input.output()), List.of(output)));
        }
    }

    /**
     * Starts the stack with an input, as Keras's {@code model.add(keras.Input(shape=(16,)))}: the tensor must come
     * from {@code Input.of(...)}.
     */
    public void add(KerasTensor input) {
        if (input == null || !(input.node().layer() instanceof InputLayer inputLayer)) {
            throw new IllegalArgumentException("Sequential \"" + name() + "\": add(KerasTensor) takes a tensor from Input.of(...), got "
                    + (input == null ? "null" : "an output of layer \"" + input.node().layer().name() + "\""));
        }
        add(inputLayer);
    }

    /** Removes the last layer, as {@code model.pop()}. */
    public Layer pop() {
        if (layers.isEmpty()) {
            throw new IllegalStateException("Sequential \"" + name() + "\" has no layers to remove");
        }
        Layer removed = layers.remove(layers.size() - 1);
        if (input != null) {
            rebuild();
        }
        return removed;
    }

    private void rebuild() {
        output = input.output();
        for (Layer layer : layers) {
            output = layer.apply(output);
        }
        if (layers.isEmpty()) {
            return;
        }
        setGraph(new Graph(List.of(input.output()), List.of(output)));
    }

    @Override
    protected void buildFromData(INDArray[] x) {
        if (isGraphBuilt()) {
            return;
        }
        if (layers.isEmpty()) {
            throw new IllegalStateException("Sequential \"" + name() + "\" has no layers");
        }
        if (input == null) {
            long[] shape = x[0].shape().clone();
            input = new InputLayer(java.util.Arrays.copyOfRange(shape, 1, shape.length));
        }
        rebuild();
    }

    /** The layers, without the input layer, as Keras's {@code Sequential.layers}. */
    @Override
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** The input layer, or null while the input shape is unknown. */
    public InputLayer inputLayer() {
        return input;
    }
}
