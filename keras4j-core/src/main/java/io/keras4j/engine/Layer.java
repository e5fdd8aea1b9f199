package io.keras4j.engine;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.backend.Backend;
import io.keras4j.backend.Tape;
import io.keras4j.initializers.Initializers;
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
 * {@link #call(INDArray, CallContext)}. A user's layer writes only {@code build} and {@code call} with
 * {@code io.keras4j.ops} and gets its gradient from the tape, as in Keras; the built-in layers also write a fused
 * {@link #backward(INDArray, CallContext)} that returns the gradient with respect to the input and adds the weight
 * gradients to its {@link Variable}s, and are recorded on a tape as one operation. What the backward pass needs is
 * saved in the per-call {@link CallContext}, never in fields. Single-input layers override the single-array
 * methods; multi-input or multi-output layers override the list forms.
 *
 * <p>{@link #apply(KerasTensor...)} is Keras's {@code layer(x)} on symbolic tensors: it checks the input spec,
 * builds the layer once, and records a {@link Node} of the functional graph. {@link #apply(INDArray, boolean)} is
 * {@code layer(x, training=...)} on arrays. Layers held in fields of a layer written without a backward pass (and of
 * a subclassed model) are tracked as Keras tracks attributes: their weights, trainable flag and losses.
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
    private List<Layer> trackedLayers;
    private volatile List<INDArray> losses = List.of();
    private volatile List<long[]> firstCallShapes;
    private Regularizer activityRegularizer;

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

    /**
     * Freezes or unfreezes all weights of the layer and of the layers it tracks (a model's layers), recursively, as
     * Keras 3's {@code layer.trainable = False}.
     */
    @SuppressWarnings("unchecked")
    public <L extends Layer> L trainable(boolean trainable) {
        this.trainable = trainable;
        for (Layer layer : trackedLayers()) {
            layer.trainable(trainable);
        }
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
     * Adds {@code regularizer(output) / batch_size} of every output to the loss, as Keras 3's {@code activity_regularizer=}
     * keyword of every layer (keras/src/layers/layer.py {@code __call__}); null for none.
     */
    @SuppressWarnings("unchecked")
    public <L extends Layer> L activityRegularizer(Regularizer regularizer) {
        this.activityRegularizer = regularizer;
        return (L) this;
    }

    /** As {@link #activityRegularizer(Regularizer)} from an identifier ("l2"). */
    public <L extends Layer> L activityRegularizer(String identifier) {
        return activityRegularizer(identifier == null ? null : io.keras4j.regularizers.Regularizers.get(identifier));
    }

    /** The activity regularizer, or null. */
    public Regularizer activityRegularizer() {
        return activityRegularizer;
    }

    /**
     * The layer's configuration with Keras's keys and values, as {@code layer.get_config()}: the base keys
     * ({@code name}, {@code trainable}, {@code dtype}, and {@code activity_regularizer} when set) followed by the
     * layer's own.
     */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("trainable", trainable);
        config.put("dtype", Backend.dtypeName(dtype));
        if (activityRegularizer != null) {
            config.put("activity_regularizer", activityRegularizer);
        }
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
     * Creates a trainable weight from an initializer identifier, as Keras's {@code add_weight(shape, initializer)}
     * in a user's {@code build}: {@code w = addWeight("w", new long[]{inputDim, units}, "random_normal")}.
     */
    protected Variable addWeight(String name, long[] shape, String initializer) {
        return addWeight(name, shape, initializer, true);
    }

    /** As {@link #addWeight(String, long[], String)}, trainable or not ({@code add_weight(..., trainable=False)}). */
    protected Variable addWeight(String name, long[] shape, String initializer, boolean trainable) {
        return addWeight(name, shape, Initializers.get(initializer), null, null, trainable);
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

    /**
     * All weights, as Keras's {@code layer.weights}: the layer's own (trainable first, then non-trainable, each in
     * creation order), then those of the layers it tracks.
     */
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
        for (Layer layer : trackedLayers()) {
            addNew(out, layer.weights());
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
            for (Layer layer : trackedLayers()) {
                addNew(out, layer.trainableWeights());
            }
        }
        return out;
    }

    /** Weights the optimizer leaves alone (all of them if the layer is frozen). */
    public List<Variable> nonTrainableWeights() {
        if (!trainable) {
            return weights();
        }
        List<Variable> out = new ArrayList<>();
        for (Variable v : variables) {
            if (!v.trainable()) {
                out.add(v);
            }
        }
        for (Layer layer : trackedLayers()) {
            addNew(out, layer.nonTrainableWeights());
        }
        return out;
    }

    private static void addNew(List<Variable> out, List<Variable> more) {
        for (Variable v : more) {
            if (out.stream().noneMatch(w -> w == v)) {
                out.add(v);
            }
        }
    }

    /**
     * The tracked layers held directly in fields, by field name (Keras saves a subclassed model's weights under these
     * attribute names); empty for the built-in layers.
     */
    public java.util.Map<String, Layer> trackedAttributes() {
        return hasBackward() ? java.util.Map.of() : TrackedFields.attributes(this);
    }

    /**
     * The layers this layer tracks, as Keras's {@code layer._layers}: for a layer written without a backward pass
     * (and a subclassed model), the layers held in its fields, directly or in a collection or array, in declaration
     * order; none for the built-in layers, which manage their inner layers themselves.
     */
    protected List<Layer> trackedLayers() {
        if (hasBackward()) {
            return List.of();
        }
        List<Layer> tracked = trackedLayers;
        if (tracked == null) {
            tracked = TrackedFields.layers(this);
            if (built) {
                trackedLayers = tracked;
            }
        }
        return tracked;
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
            trackedLayers = null;
        }
    }

    /**
     * Creates the weights; multi-input layers override this form. By default a single input builds with
     * {@link #build(long[])}, and a layer of several inputs that does not override this form has no weights of its own.
     */
    protected void build(List<long[]> inputShapes) {
        if (inputShapes.size() == 1) {
            build(inputShapes.get(0));
        }
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

    /**
     * The output shapes for the given input shapes; multi-input or multi-output layers override this form. A layer
     * without its own backward pass that overrides neither form gets them by running its call on zeros, as Keras's
     * {@code compute_output_spec} does symbolically.
     */
    public List<long[]> computeOutputShapes(List<long[]> inputShapes) {
        if (!hasBackward() && !DECLARES_OUTPUT_SHAPE.get(getClass())) {
            return inferOutputShapes(inputShapes);
        }
        requireInputCount(inputShapes.size(), 1);
        return List.of(computeOutputShape(inputShapes.get(0)));
    }

    private static final ClassValue<Boolean> DECLARES_OUTPUT_SHAPE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != Layer.class; c = c.getSuperclass()) {
                for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals("computeOutputShape") || m.getName().equals("computeOutputShapes")) {
                        return true;
                    }
                }
            }
            return false;
        }
    };

    /**
     * The output shapes found by calling the layer in inference mode on zeros of the input shapes (unknown dimensions
     * taken as 1); an unknown batch axis stays unknown. Nothing is recorded on a tape.
     */
    protected final List<long[]> inferOutputShapes(List<long[]> inputShapes) {
        ensureBuilt(inputShapes);
        INDArray[] probes = new INDArray[inputShapes.size()];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = org.nd4j.linalg.factory.Nd4j.zeros(dtype, java.util.Arrays.stream(inputShapes.get(i)).map(d -> d < 0 ? 1 : d).toArray());
        }
        INDArray[] out;
        try (Tape.Pause ignored = Tape.pause(); AddedLosses scope = AddedLosses.open()) {
            CallContext ctx = new CallContext();
            ctx.begin(false, new boolean[probes.length]);
            out = call(probes, ctx);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" (" + className() + "): could not infer its output shape by "
                    + "calling it on zeros of shape(s) " + inputShapes.stream().map(Shapes::format).toList() + " (" + e.getMessage()
                    + "); override computeOutputShape", e);
        }
        boolean unknownBatch = !inputShapes.isEmpty() && inputShapes.get(0).length > 0 && inputShapes.get(0)[0] < 0;
        List<long[]> shapes = new ArrayList<>();
        for (INDArray o : out) {
            long[] shape = o.shape().clone();
            if (unknownBatch && shape.length > 0) {
                shape[0] = -1;
            }
            shapes.add(shape);
        }
        return shapes;
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
        return applyAll(List.of(inputs), null);
    }

    /**
     * Calls the layer on symbolic tensors with explicit masks, as Keras's {@code layer(x, mask=m)}: {@code masks} holds
     * one entry per input (null where none), which the layer receives instead of the masks its inputs carry.
     */
    public List<KerasTensor> applyAll(List<KerasTensor> inputList, List<KerasTensor> masks) {
        KerasTensor[] inputs = inputList.toArray(new KerasTensor[0]);
        if (masks != null && masks.size() != inputs.length) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" was called with " + inputs.length + " input(s) and "
                    + masks.size() + " mask(s); pass one mask (or null) per input");
        }
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
        Node node = new Node(this, List.of(inputs), masks);
        List<KerasTensor> outputs = new ArrayList<>();
        for (int i = 0; i < outShapes.size(); i++) {
            outputs.add(new KerasTensor(outShapes.get(i), dtype, node, i, Names.unique("keras_tensor")));
        }
        node.setOutputs(outputs);
        inboundNodes.add(node);
        return outputs;
    }

    /** The input shapes of the first call on arrays (batch axis as given), or null: what Keras's summary shows. */
    public List<long[]> firstCallShapes() {
        return firstCallShapes;
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
     * Whether the layer passes a mask on, as Keras's {@code supports_masking}: then the default {@link #computeMask}
     * gives the first output the first input's mask (Keras's {@code Layer.compute_mask} returns {@code previous_mask});
     * otherwise a mask reaching the layer stops there. False by default; layers that keep the timestep axis and treat
     * timesteps independently (Dense, Dropout, the activations, the normalizations) return true.
     */
    public boolean supportsMasking() {
        return false;
    }

    /**
     * The masks of the outputs for the given inputs and input masks, as Keras's {@code compute_mask}: by default
     * the first input's mask for the first output when {@link #supportsMasking()}, else null (no mask).
     * {@code masks} may be null or hold null entries; so may the result.
     */
    public INDArray[] computeMask(INDArray[] inputs, INDArray[] masks) {
        if (!supportsMasking() || masks == null || masks.length == 0 || masks[0] == null) {
            return null;
        }
        return new INDArray[]{masks[0]};
    }

    /**
     * Whether the layer computes its own backward pass ({@link #backward(INDArray[], CallContext)}): then a tape
     * records each call as one operation. False for a layer that overrides only {@code call}, whose operations are
     * recorded one by one. By default, whether the layer's class overrides a {@code backward} method.
     */
    protected boolean hasBackward() {
        return OWN_BACKWARD.get(getClass());
    }

    private static final ClassValue<Boolean> OWN_BACKWARD = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != Layer.class; c = c.getSuperclass()) {
                for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals("backward") && m.getParameterCount() == 2
                            && m.getParameterTypes()[1] == CallContext.class) {
                        return true;
                    }
                }
            }
            return false;
        }
    };

    /** Calls the layer on an array in inference mode, as Keras's {@code layer(x)} on a tensor. */
    public INDArray apply(INDArray input) {
        return apply(input, false);
    }

    /**
     * Calls the layer on an array, as Keras's {@code layer(x, training=...)}: builds it from the array's shape if
     * needed, checks the input spec, and records the call on an active tape ({@code GradientTape}). Returns the
     * first output.
     */
    public INDArray apply(INDArray input, boolean training) {
        return applyAll(training, input)[0];
    }

    /** Calls the layer on arrays (one per input) and returns all its outputs; see {@link #apply(INDArray, boolean)}. */
    public INDArray[] applyAll(boolean training, INDArray... inputs) {
        List<long[]> shapes = new ArrayList<>();
        for (INDArray x : inputs) {
            if (x == null) {
                throw new IllegalArgumentException("Layer \"" + name() + "\" was called with a null input");
            }
            long[] shape = x.shape().clone();
            if (shape.length > 0) {
                shape[0] = -1;
            }
            shapes.add(shape);
        }
        ensureBuilt(shapes);
        if (firstCallShapes == null) {
            firstCallShapes = java.util.Arrays.stream(inputs).map(INDArray::shape).toList();
        }
        for (int i = 0; i < inputs.length; i++) {
            String mismatch = checkInputShape(i, inputs[i].shape());
            if (mismatch != null) {
                throw new IllegalArgumentException(mismatch);
            }
        }
        boolean record = Tape.recording();
        boolean[] needs = new boolean[inputs.length];
        java.util.Arrays.fill(needs, record);
        CallContext ctx = new CallContext();
        ctx.begin(training, needs);
        try (AddedLosses scope = AddedLosses.open()) {
            INDArray[] out;
            if (record && hasBackward()) {
                try (Tape.Pause ignored = Tape.pause()) {
                    out = call(inputs, ctx);
                }
                recordCall(inputs, out, ctx);
            } else {
                out = call(inputs, ctx);
            }
            if (activityRegularizer != null) {
                for (INDArray o : out) {
                    AddedLosses.add(this, activityPenalty(o));
                }
            }
            losses = scope.losses();
            return out;
        }
    }

    /** Records a call of a layer with its own backward pass as one tape operation: inputs first, then its weights. */
    private void recordCall(INDArray[] inputs, INDArray[] outputs, CallContext ctx) {
        List<Variable> weights = trainableWeights();
        INDArray[] all = java.util.Arrays.copyOf(inputs, inputs.length + weights.size());
        for (int w = 0; w < weights.size(); w++) {
            all[inputs.length + w] = weights.get(w).value();
        }
        Tape.record(all, outputs, (gOut, needs) -> {
            // the layer's backward writes into its variables' gradient buffers: keep what they held, hand the tape
            // this call's contribution, then put the buffers back as they were
            INDArray[] held = new INDArray[weights.size()];
            for (int w = 0; w < held.length; w++) {
                Variable v = weights.get(w);
                held[w] = v.hasGradient() ? v.gradient().dup() : null;
                v.resetGradient();
            }
            INDArray[] gIn = backward(gOut, ctx);
            INDArray[] grads = java.util.Arrays.copyOf(gIn, all.length);
            for (int w = 0; w < held.length; w++) {
                Variable v = weights.get(w);
                grads[inputs.length + w] = v.hasGradient() ? v.gradient().dup() : null;
                if (held[w] != null) {
                    v.setGradient(held[w]);
                } else {
                    v.resetGradient();
                }
            }
            return grads;
        });
    }

    /**
     * The forward pass of a graph node. With {@code gradients}, a layer without its own backward pass runs its
     * {@code call} on a tape of its own, which {@link #backwardInGraph} replays.
     */
    final INDArray[] callInGraph(INDArray[] inputs, CallContext ctx, boolean gradients) {
        if (hasBackward()) {
            INDArray[] out = call(inputs, ctx);
            if (activityRegularizer != null) {
                for (INDArray o : out) {
                    ctx.addLoss(activityRegularizer.penalty(o) / batchSize(o));
                }
                ctx.activityOutputs(out);
            }
            return out;
        }
        Tape tape = gradients ? Tape.start() : null;
        INDArray[] out;
        List<INDArray> added;
        try (AddedLosses scope = AddedLosses.open()) {
            out = call(inputs, ctx);
            if (activityRegularizer != null) {
                for (INDArray o : out) {
                    AddedLosses.add(this, activityPenalty(o));
                }
            }
            added = scope.losses();
        } finally {
            if (tape != null) {
                tape.stop();
            }
        }
        for (INDArray loss : added) {
            ctx.addLoss(loss.sumNumber().doubleValue());
        }
        if (tape != null) {
            requireRecorded(tape, inputs, out, ctx);
            ctx.recordedCall(new RecordedCall(tape, inputs, out, added));
        }
        return out;
    }

    /**
     * Refuses a call that a gradient must flow through but whose output no recorded operation produced (plain ND4J
     * calls instead of {@code io.keras4j.ops}): its gradient would silently be zero.
     */
    private void requireRecorded(Tape tape, INDArray[] inputs, INDArray[] outputs, CallContext ctx) {
        boolean needed = !trainableWeights().isEmpty();
        for (int i = 0; i < inputs.length; i++) {
            needed |= ctx.needsInputGradient(i);
        }
        for (INDArray out : outputs) {
            boolean passedThrough = java.util.Arrays.stream(inputs).anyMatch(x -> x == out);
            if (needed && !passedThrough && !tape.computed(out)) {
                throw new IllegalStateException("Layer \"" + name() + "\" (" + className() + ") is trained through, but its call "
                        + "computed its output without io.keras4j.ops (no operation was recorded for the gradient). Write call with "
                        + "io.keras4j.ops (import static io.keras4j.ops.Ops.*), or give the layer a backward method"
                        + (this.getClass().getSimpleName().equals("Lambda") ? " (new Lambda(forward, (x, gradOut) -> gradIn))" : ""));
            }
        }
    }

    /** The backward pass of a graph node: the layer's own, or the replay of the tape its call recorded. */
    final INDArray[] backwardInGraph(INDArray[] outputGradients, CallContext ctx) {
        RecordedCall recorded = ctx.recordedCall();
        if (recorded != null) {
            return recorded.backward(outputGradients, trainableWeights());
        }
        INDArray[] regularized = ctx.activityOutputs();
        if (regularized != null) {
            outputGradients = outputGradients.clone();
            for (int o = 0; o < regularized.length; o++) {
                INDArray g = regularized[o].ulike().assign(0);
                activityRegularizer.addGradient(regularized[o], g);
                outputGradients[o] = outputGradients[o].add(g.divi(batchSize(regularized[o])));
            }
        }
        return backward(outputGradients, ctx);
    }

    /** {@code regularizer(output) / batch_size} as a scalar on the tape, as Keras 3 adds it. */
    private INDArray activityPenalty(INDArray output) {
        return activityRegularizer.penaltyOnTape(output, 1.0 / batchSize(output));
    }

    private static double batchSize(INDArray output) {
        return output.rank() == 0 ? 1 : Math.max(1, output.size(0));
    }

    /**
     * Adds a loss term computed with {@code io.keras4j.ops} inside {@link #call}, as Keras's {@code self.add_loss(value)}:
     * it joins the model's loss in {@code fit} (with its gradient) and is listed by {@link #losses()} after the call.
     */
    protected void addLoss(INDArray value) {
        AddedLosses.add(this, value);
    }

    /** The loss terms added during the last call of this layer and its inner layers, as Keras's {@code layer.losses}. */
    public List<INDArray> losses() {
        return losses;
    }

    @Override
    public String toString() {
        return "<" + className() + " name=" + name() + ", built=" + built + ">";
    }
}
