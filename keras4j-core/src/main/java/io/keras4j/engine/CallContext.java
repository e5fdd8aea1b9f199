package io.keras4j.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The per-call state of one node of the graph: the training flag, which inputs need a gradient, what
 * the forward pass saved for the backward pass, and output buffers reused across steps.
 *
 * <p>Each node owns one context for the life of a model, so a layer shared by two nodes never sees
 * its second call overwrite what the first saved (unlike state kept in layer fields).
 */
public final class CallContext {
    private boolean training;
    private boolean[] needsInputGradient = new boolean[0];
    private final Map<String, Object> saved = new HashMap<>();
    private final Map<String, INDArray> buffers = new HashMap<>();
    private double addedLoss;
    private INDArray[] inputMasks;
    private boolean activationDeferred;
    private RecordedCall recordedCall;
    private Object savedForBackward;
    private Graph.State nestedState;
    private INDArray[] activityOutputs;

    /** Whether the call is a training call (Dropout active, BatchNormalization on batch statistics). */
    public boolean training() {
        return training;
    }

    /** Whether the backward pass must return the gradient of input {@code i} (false for model inputs). */
    public boolean needsInputGradient(int i) {
        return i >= needsInputGradient.length || needsInputGradient[i];
    }

    /**
     * Whether the layer must leave out its {@link Layer#trailingActivation()}: the graph applies it after the next layer
     * instead, which commutes with it (a convolution's relu after a max pooling).
     */
    public boolean activationDeferred() {
        return activationDeferred;
    }

    void deferActivation(boolean deferred) {
        this.activationDeferred = deferred;
    }

    /** Prepares the context for a new forward call. */
    public void begin(boolean training, boolean[] needsInputGradient) {
        this.training = training;
        this.needsInputGradient = needsInputGradient;
        this.addedLoss = 0;
        this.inputMasks = null;
        this.recordedCall = null;
        this.savedForBackward = null;
        this.activityOutputs = null;
    }

    /** The outputs of this call that an activity regularizer penalised, for the penalty's gradient in backward. */
    void activityOutputs(INDArray[] outputs) {
        this.activityOutputs = outputs;
    }

    INDArray[] activityOutputs() {
        return activityOutputs;
    }

    void recordedCall(RecordedCall call) {
        this.recordedCall = call;
    }

    RecordedCall recordedCall() {
        return recordedCall;
    }

    /**
     * Saves what the backward pass needs as one typed value (a record of the layer's own), as PyTorch's
     * {@code ctx.save_for_backward}: {@code ctx.saveForBackward(new Saved(x, z))}, then
     * {@code Saved s = ctx.savedForBackward(Saved.class)} in {@code backward}.
     */
    public void saveForBackward(Object saved) {
        this.savedForBackward = saved;
    }

    /** What {@link #saveForBackward} saved in this call, as the given type. */
    public <T> T savedForBackward(Class<T> type) {
        if (savedForBackward == null) {
            throw new IllegalStateException("Nothing saved for backward: backward called before forward");
        }
        return type.cast(savedForBackward);
    }

    /** The execution state of the graph of a model called as a layer in this call (created on first use). */
    public Graph.State nestedState(Graph graph) {
        if (nestedState == null || !nestedState.belongsTo(graph)) {
            nestedState = graph.newState();
        }
        return nestedState;
    }

    /**
     * Sets the masks of the inputs for this call (after {@link #begin}), as Keras passes {@code mask=} to
     * {@code call}: one entry per input, null where an input carries no mask. A mask is a
     * {@code (batch, timesteps)} array, BOOL or numeric (nonzero = keep).
     */
    public void setInputMasks(INDArray... masks) {
        this.inputMasks = masks;
    }

    /** The mask of input {@code i} for this call, or null if it has none. */
    public INDArray inputMask(int i) {
        return inputMasks == null || i >= inputMasks.length ? null : inputMasks[i];
    }

    /**
     * Adds a term to the model's loss for this call, as Keras's {@code layer.add_loss} (activity
     * regularization); the layer's backward pass adds the term's gradient itself.
     */
    public void addLoss(double value) {
        addedLoss += value;
    }

    /** The sum of the terms added with {@link #addLoss} since the last {@link #begin}. */
    public double addedLoss() {
        return addedLoss;
    }

    /** Saves something the backward pass needs (an input, a mask, an intermediate result). */
    public void save(String key, Object value) {
        saved.put(key, value);
    }

    /** What the forward pass saved under {@code key}. */
    @SuppressWarnings("unchecked")
    public <T> T saved(String key) {
        Object value = saved.get(key);
        if (value == null) {
            throw new IllegalStateException("Nothing saved under '" + key + "': backward called before forward");
        }
        return (T) value;
    }

    /** What was saved under {@code key}, or the value of {@code factory} saved there now. */
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(String key, java.util.function.Supplier<T> factory) {
        return (T) saved.computeIfAbsent(key, k -> factory.get());
    }

    /**
     * A buffer of the given shape and dtype owned by this context, allocated once and reused while the
     * shape stays the same (the last batch of an epoch may get its own). Contents are undefined.
     */
    public INDArray buffer(String key, DataType dtype, long... shape) {
        INDArray buffer = buffers.get(key);
        if (buffer == null || buffer.dataType() != dtype || !Arrays.equals(buffer.shape(), shape)) {
            buffer = Nd4j.createUninitialized(dtype, shape, 'c');
            buffers.put(key, buffer);
        }
        return buffer;
    }
}
