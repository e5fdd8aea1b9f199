package io.keras4j.engine;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.backend.Backend;
import io.keras4j.constraints.Constraint;
import io.keras4j.initializers.Initializer;
import io.keras4j.regularizers.Regularizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of every layer, as {@code keras.layers.Layer}.
 *
 * <p>A layer is constructed from its configuration (constructor for Keras's positional arguments,
 * fluent setters for its keyword arguments), built lazily from the shape of its first input
 * ({@link #build(long[])}, creating weights with {@link #addWeight}), and then computes
 * {@link #call(INDArray, CallContext)} forward and {@link #backward(INDArray, CallContext)} backward:
 * the backward pass returns the gradient with respect to the input and adds the weight gradients to
 * its {@link Variable}s. What the backward pass needs is saved in the {@link CallContext}, never in
 * fields. Single-input layers override the single-array methods; multi-input or multi-output layers
 * override the list forms.
 *
 * <p>{@link #apply(KerasTensor...)} is Keras's {@code layer(x)} on symbolic tensors: it checks the
 * input spec, builds the layer once, and records a {@link Node} of the functional graph.
 */
public abstract class Layer {
    private String name;
    private boolean trainable = true;
    private DataType dtype = Backend.floatxType();
    private long[] inputShape;
    private boolean built;
    private final List<Variable> variables = new ArrayList<>();
    private final List<InputSpec> inputSpecs = new ArrayList<>();
    private final List<Node> inboundNodes = new ArrayList<>();

    // ---- configuration -------------------------------------------------------------------

    /** The layer's name: given with {@link #name(String)}, else a unique default ("dense", "dense_1", ...). */
    public String name() {
        if (name == null) {
            name = Names.unique(Names.toSnakeCase(className()));
        }
        return name;
    }

    /** Sets the layer's name, as Keras's {@code name=} keyword. */
    @SuppressWarnings("unchecked")
    public <L extends Layer> L name(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Layer name must be a non-empty string, got " + (name == null ? "null" : "\"\""));
        }
        this.name = name;
        return (L) this;
    }

    /** The Keras class name of this layer ("Dense"), used in summaries and saved configs. */
    public String className() {
        return getClass().getSimpleName();
    }

    /**
     * Declares the input shape without the batch axis, as Keras's {@code input_shape=} keyword; lets this
     * layer start a {@code Sequential} model without an {@code Input}.
     */
    @SuppressWarnings("unchecked")
    public <L extends Layer> L inputShape(long... shape) {
        for (long d : shape) {
            if (d <= 0 && d != -1) {
                throw new IllegalArgumentException("Layer \"" + name() + "\": input_shape dimensions must be positive (or -1 for None), got "
                        + java.util.Arrays.toString(shape));
            }
        }
        this.inputShape = shape.clone();
        return (L) this;
    }

    /** Same as {@link #inputShape(long...)} for int dimensions. */
    public <L extends Layer> L inputShape(int... shape) {
        return inputShape(java.util.Arrays.stream(shape).asLongStream().toArray());
    }

    /** The declared input shape without the batch axis, or null. */
    public long[] declaredInputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    public boolean trainable() {
        return trainable;
    }

    /** Freezes or unfreezes all weights of the layer, as {@code layer.trainable = False}. */
    @SuppressWarnings("unchecked")
    public <L extends Layer> L trainable(boolean trainable) {
        this.trainable = trainable;
        return (L) this;
    }

    /** The dtype of the layer's weights and computations (Keras's {@code dtype}, default floatx). */
    public DataType dtype() {
        return dtype;
    }

    /** Sets the layer dtype, as Keras's {@code dtype=} keyword ("float32", "float64"). */
    @SuppressWarnings("unchecked")
    public <L extends Layer> L dtype(String dtype) {
        this.dtype = Backend.parseDtype(dtype, "dtype of layer \"" + name() + "\"");
        return (L) this;
    }

    /**
     * The layer's configuration with Keras's keys and values, as {@code layer.get_config()}: the base keys
     * ({@code name}, {@code trainable}, {@code dtype}) followed by the layer's own.
     */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("trainable", trainable);
        config.put("dtype", Backend.dtypeName(dtype));
        return config;
    }

    // ---- weights -------------------------------------------------------------------------

    /**
     * Creates a weight, as Keras's {@code add_weight}; only allowed while the layer builds.
     *
     * @param name        the weight name ("kernel", "bias")
     * @param shape       its shape
     * @param initializer fills the initial value
     * @param regularizer adds a penalty to the loss, or null
     * @param constraint  projects the value after each update, or null
     * @param trainable   whether optimizers update it
     */
    protected Variable addWeight(String name, long[] shape, Initializer initializer, Regularizer regularizer,
                                 Constraint constraint, boolean trainable) {
        return addWeight(name, shape, initializer, regularizer, constraint, trainable, dtype);
    }

    /**
     * Creates a weight of its own dtype, as Keras's {@code add_weight(..., dtype=)} (e.g. the int64
     * {@code count} of {@code Normalization}); otherwise as {@link #addWeight(String, long[], Initializer,
     * Regularizer, Constraint, boolean)}.
     */
    protected Variable addWeight(String name, long[] shape, Initializer initializer, Regularizer regularizer,
                                 Constraint constraint, boolean trainable, DataType weightDtype) {
        if (built) {
            throw new IllegalStateException("Layer \"" + name() + "\" is already built: weights can only be added in build()");
        }
        checkAllocatable(name, shape, weightDtype);
        INDArray value = initializer.apply(shape, weightDtype);
        Variable variable = new Variable(name, name() + "/" + name, value, trainable, regularizer, constraint);
        variables.add(variable);
        return variable;
    }

    /**
     * Rejects a weight larger than ND4J's off-heap limit ({@code -Dorg.bytedeco.javacpp.maxBytes}, by default the
     * heap size) before allocating it: native allocation of an impossible size can crash the JVM.
     */
    private void checkAllocatable(String weight, long[] shape, DataType weightDtype) {
        long limit = org.bytedeco.javacpp.Pointer.maxBytes();
        try {
            long bytes = weightDtype.width();
            for (long d : shape) {
                bytes = Math.multiplyExact(bytes, d);
            }
            if (limit <= 0 || bytes <= limit) {
                return;
            }
        } catch (ArithmeticException overflow) {
            // larger than any limit
        }
        throw new IllegalArgumentException("Layer \"" + name() + "\": weight \"" + weight + "\" of shape " + Shapes.format(shape)
                + " (" + weightDtype + ") is larger than the off-heap memory limit of " + limit
                + " bytes (-Dorg.bytedeco.javacpp.maxBytes)");
    }

    /** All weights, trainable first, then non-trainable, each in creation order (Keras's {@code layer.weights}). */
    public List<Variable> weights() {
        List<Variable> out = new ArrayList<>();
        for (Variable v : variables) {
            if (v.trainable()) {
                out.add(v);
            }
        }
        for (Variable v : variables) {
            if (!v.trainable()) {
                out.add(v);
            }
        }
        return out;
    }

    /** Weights the optimizer updates: none if the layer is frozen. */
    public List<Variable> trainableWeights() {
        List<Variable> out = new ArrayList<>();
        if (trainable) {
            for (Variable v : variables) {
                if (v.trainable()) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** Weights the optimizer leaves alone (all of them if the layer is frozen). */
    public List<Variable> nonTrainableWeights() {
        List<Variable> out = new ArrayList<>();
        for (Variable v : variables) {
            if (!trainable || !v.trainable()) {
                out.add(v);
            }
        }
        return out;
    }

    /** The number of scalars in the layer's weights. */
    public long countParams() {
        long n = 0;
        for (Variable v : weights()) {
            n += v.value().length();
        }
        return n;
    }

    // ---- lifecycle -----------------------------------------------------------------------

    public boolean built() {
        return built;
    }

    /** Builds the layer for the given input shapes (batch axis included) unless already built. */
    public final void ensureBuilt(List<long[]> inputShapes) {
        if (!built) {
            build(inputShapes);
            built = true;
        }
    }

    /** Creates the weights; multi-input layers override this form. */
    protected void build(List<long[]> inputShapes) {
        requireInputCount(inputShapes.size(), 1);
        build(inputShapes.get(0));
    }

    /** Creates the weights for one input of shape {@code inputShape} (batch axis included). */
    protected void build(long[] inputShape) {
    }

    /** Declares what input {@code index} accepts; checked by {@link #apply} and by models on data. */
    protected void setInputSpec(int index, InputSpec spec) {
        while (inputSpecs.size() <= index) {
            inputSpecs.add(null);
        }
        inputSpecs.set(index, spec);
    }

    /** Returns a Keras-style error message if {@code shape} does not fit input {@code index}, else null. */
    public String checkInputShape(int index, long[] shape) {
        InputSpec spec = index < inputSpecs.size() ? inputSpecs.get(index) : null;
        String mismatch = spec == null ? null : spec.mismatch(shape);
        return mismatch == null ? null
                : "Input " + index + " of layer \"" + name() + "\" is incompatible with the layer: " + mismatch;
    }

    /** The output shapes for the given input shapes; multi-input or multi-output layers override this form. */
    public List<long[]> computeOutputShapes(List<long[]> inputShapes) {
        requireInputCount(inputShapes.size(), 1);
        return List.of(computeOutputShape(inputShapes.get(0)));
    }

    /** The output shape for one input shape (batch axis included, -1 for None). Defaults to the input shape. */
    public long[] computeOutputShape(long[] inputShape) {
        return inputShape.clone();
    }

    /** The number of outputs a call produces. */
    protected int outputCount() {
        return 1;
    }

    protected void requireInputCount(int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" expects " + expected + " input(s), got " + actual);
        }
    }

    // ---- symbolic calls --------------------------------------------------------------------

    /** Calls the layer on symbolic tensors, as Keras's {@code layer(x)}; returns its (first) output. */
    public KerasTensor apply(KerasTensor... inputs) {
        return applyAll(inputs).get(0);
    }

    /** Calls the layer on symbolic tensors and returns all its outputs. */
    public List<KerasTensor> applyAll(KerasTensor... inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" was called without inputs");
        }
        List<long[]> shapes = new ArrayList<>();
        for (KerasTensor t : inputs) {
            shapes.add(t.shape());
        }
        ensureBuilt(shapes);
        for (int i = 0; i < shapes.size(); i++) {
            String mismatch = checkInputShape(i, shapes.get(i));
            if (mismatch != null) {
                throw new IllegalArgumentException(mismatch);
            }
        }
        List<long[]> outShapes = computeOutputShapes(shapes);
        Node node = new Node(this, List.of(inputs));
        List<KerasTensor> outputs = new ArrayList<>();
        for (int i = 0; i < outShapes.size(); i++) {
            outputs.add(new KerasTensor(outShapes.get(i), dtype, node, i, Names.unique("keras_tensor")));
        }
        node.setOutputs(outputs);
        inboundNodes.add(node);
        return outputs;
    }

    /** The nodes created by calling this layer, in call order. */
    public List<Node> inboundNodes() {
        return Collections.unmodifiableList(inboundNodes);
    }

    // ---- computation ----------------------------------------------------------------------

    /** Forward pass for all inputs; multi-input or multi-output layers override this form. */
    public INDArray[] call(INDArray[] inputs, CallContext ctx) {
        requireInputCount(inputs.length, 1);
        return new INDArray[]{call(inputs[0], ctx)};
    }

    /** Forward pass for one input. {@code ctx.training()} tells training from inference. */
    protected INDArray call(INDArray input, CallContext ctx) {
        throw new UnsupportedOperationException("Layer \"" + name() + "\" (" + className() + ") implements no call");
    }

    /**
     * Backward pass: given the gradients of the loss with respect to the outputs, adds the weight
     * gradients to the variables and returns the gradients with respect to the inputs (an entry may be
     * null where {@code ctx.needsInputGradient(i)} is false).
     */
    public INDArray[] backward(INDArray[] outputGradients, CallContext ctx) {
        return new INDArray[]{backward(outputGradients[0], ctx)};
    }

    /** Backward pass for one input and one output. */
    protected INDArray backward(INDArray outputGradient, CallContext ctx) {
        throw new UnsupportedOperationException("Layer \"" + name() + "\" (" + className() + ") implements no backward");
    }

    /**
     * The element-wise activation this layer applies last to its single output, which it leaves out when
     * {@link CallContext#activationDeferred()}; null (the default) when it has none it can leave out.
     */
    protected ActivationFunction trailingActivation() {
        return null;
    }

    /**
     * Whether applying {@code activation} to this layer's output gives the same outputs and gradients as applying it
     * to the input (a max pooling and "relu"), so the graph may run a previous layer's trailing activation after this
     * layer, on fewer elements. False by default.
     */
    protected boolean commutesWith(ActivationFunction activation) {
        return false;
    }

    /**
     * The masks of the outputs for the given inputs and input masks, as Keras's {@code compute_mask}; null
     * (the default) when the layer produces no mask. {@code masks} may be null or hold null entries.
     */
    public INDArray[] computeMask(INDArray[] inputs, INDArray[] masks) {
        return null;
    }

    /**
     * Runs the layer eagerly on concrete arrays in inference mode, as Keras's {@code layer(x)} on a tensor;
     * builds the layer from the array shapes if needed.
     */
    public INDArray[] callEager(boolean training, INDArray... inputs) {
        List<long[]> shapes = new ArrayList<>();
        for (INDArray x : inputs) {
            long[] shape = x.shape().clone();
            shape[0] = -1;
            shapes.add(shape);
        }
        ensureBuilt(shapes);
        CallContext ctx = new CallContext();
        ctx.begin(training, new boolean[inputs.length]);
        return call(inputs, ctx);
    }

    @Override
    public String toString() {
        return "<" + className() + " name=" + name() + ", built=" + built + ">";
    }
}
