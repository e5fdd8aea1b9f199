package io.keras4j.layers;

import io.keras4j.backend.Backend;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.InputSpec;
import io.keras4j.engine.KerasWeights;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Shapes;
import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The recurrent layer options and lifecycle, as keras/src/layers/rnn/rnn.py {@code RNN}: runs a cell over
 * the time axis of {@code (batch, timesteps, features)} inputs.
 *
 * <p>Arguments (fluent setters): {@code return_sequences} (output {@code (batch, timesteps, units)} instead of
 * the last output {@code (batch, units)}), {@code return_state} (also return the final states),
 * {@code go_backwards} (process the sequence reversed; outputs come in processing order),
 * {@code stateful} (the final states of a batch are the initial states of the next; see
 * {@link #resetStates()}), {@code unroll} (accepted; results are the same), {@code zero_output_for_mask}.
 * Initial states are extra inputs: {@code lstm.applyAll(x, h0, c0)}. An input mask (from
 * {@code Embedding(mask_zero=True)} or {@code Masking}) skips timesteps, as Keras.
 *
 * @param <L> the concrete layer, returned by the fluent setters
 */
abstract class BaseRNN<L extends BaseRNN<L>> extends Layer implements KerasWeights {
    boolean returnSequences;
    boolean returnState;
    boolean goBackwards;
    boolean stateful;
    boolean unroll;
    boolean zeroOutputForMask;
    private INDArray[] states;

    /** The cell that computes one step: a built-in cell (the fast {@link RecurrentLoop}) or any {@link RecurrentCell}. */
    abstract Layer cell();

    /** The cell's state sizes, as its {@code state_size}. */
    long[] stateSizes() {
        return CellLoop.stateSizes(cell());
    }

    @SuppressWarnings("unchecked")
    private L self() {
        return (L) this;
    }

    public L returnSequences(boolean returnSequences) {
        this.returnSequences = returnSequences;
        return self();
    }

    public L returnState(boolean returnState) {
        this.returnState = returnState;
        return self();
    }

    public L goBackwards(boolean goBackwards) {
        this.goBackwards = goBackwards;
        return self();
    }

    public L stateful(boolean stateful) {
        this.stateful = stateful;
        return self();
    }

    public L unroll(boolean unroll) {
        this.unroll = unroll;
        return self();
    }

    public L zeroOutputForMask(boolean zeroOutputForMask) {
        this.zeroOutputForMask = zeroOutputForMask;
        return self();
    }

    public boolean returnSequences() {
        return returnSequences;
    }

    public boolean returnState() {
        return returnState;
    }

    public boolean goBackwards() {
        return goBackwards;
    }

    /** Forgets the states kept by a stateful layer (the next batch starts from zeros), as {@code reset_states()}. */
    public void resetStates() {
        states = null;
    }

    /** Sets the states of a stateful layer, as {@code reset_states(states)}. */
    public void resetStates(INDArray... newStates) {
        if (!stateful) {
            throw new IllegalStateException(className() + " \"" + name() + "\" is not stateful: construct it with stateful(true)");
        }
        states = newStates.clone();
    }

    /** The current states of a stateful layer (null before the first call or after a reset). */
    public INDArray[] states() {
        return states == null ? null : states.clone();
    }

    @Override
    protected void build(List<long[]> inputShapes) {
        long[] shape = inputShapes.get(0);
        if (shape.length != 3) {
            throw new IllegalArgumentException(className() + " \"" + name() + "\" expects inputs of shape (batch, timesteps, features), got "
                    + Shapes.format(shape));
        }
        Layer cell = cell();
        if (!cell.built()) {
            cell.dtype(Backend.dtypeName(dtype()));
        }
        cell.ensureBuilt(List.of(new long[]{shape[0], shape[2]}));
        long[] sizes = stateSizes();
        if (inputShapes.size() > 1 + sizes.length) {
            throw new IllegalArgumentException(className() + " \"" + name() + "\" takes at most " + sizes.length
                    + " initial state(s), got " + (inputShapes.size() - 1));
        }
        setInputSpec(0, new InputSpec().ndim(3).axis(-1, shape[2]));
        for (int k = 1; k < inputShapes.size(); k++) {
            setInputSpec(k, new InputSpec().ndim(2).axis(-1, sizes[k - 1]));
        }
    }

    @Override
    public List<long[]> computeOutputShapes(List<long[]> inputShapes) {
        long[] shape = inputShapes.get(0);
        long units = CellLoop.outputSize(cell());
        List<long[]> out = new ArrayList<>();
        out.add(returnSequences ? new long[]{shape[0], shape[1], units} : new long[]{shape[0], units});
        if (returnState) {
            for (long size : stateSizes()) {
                out.add(new long[]{shape[0], size});
            }
        }
        return out;
    }

    @Override
    protected int outputCount() {
        return returnState ? 1 + stateSizes().length : 1;
    }

    @Override
    public INDArray[] call(INDArray[] inputs, CallContext ctx) {
        INDArray[] initial = java.util.Arrays.copyOfRange(inputs, 1, inputs.length);
        if (stateful && initial.length == 0 && states != null) {
            initial = states;
        }
        INDArray[] out = cell() instanceof BaseRNNCell
                ? RecurrentLoop.forward((BaseRNNCell<?>) cell(), ctx, inputs[0], initial, ctx.inputMask(0), goBackwards, returnSequences, zeroOutputForMask)
                : CellLoop.forward(cell(), ctx, inputs[0], initial, ctx.inputMask(0), goBackwards, returnSequences, zeroOutputForMask);
        if (stateful) {
            states = java.util.Arrays.copyOfRange(out, 1, out.length);
        }
        ctx.save("inputs", inputs.length);
        return returnState ? out : new INDArray[]{out[0]};
    }

    @Override
    public INDArray[] backward(INDArray[] outputGradients, CallContext ctx) {
        INDArray[] grads = cell() instanceof BaseRNNCell
                ? RecurrentLoop.backward((BaseRNNCell<?>) cell(), ctx, outputGradients)
                : CellLoop.backward(cell(), ctx, outputGradients);
        int inputs = ctx.saved("inputs");
        return java.util.Arrays.copyOf(grads, inputs);
    }

    @Override
    public INDArray[] computeMask(INDArray[] inputs, INDArray[] masks) {
        INDArray mask = returnSequences && masks != null ? masks[0] : null;
        INDArray[] out = new INDArray[outputCount()];
        out[0] = mask;
        return mask == null ? null : out;
    }

    @Override
    public List<Variable> weights() {
        return cell().weights();
    }

    @Override
    public List<Variable> trainableWeights() {
        return trainable() ? cell().trainableWeights() : List.of();
    }

    @Override
    public List<Variable> nonTrainableWeights() {
        return trainable() ? cell().nonTrainableWeights() : cell().weights();
    }

    /** Keras 3 keeps the cell's variables under {@code cell/vars} (the RNN's own {@code vars} group is empty). */
    @Override
    public Map<String, List<INDArray>> kerasVariables() {
        return KerasLayouts.nested("cell/", cell());
    }

    @Override
    public void setKerasVariables(Map<String, List<INDArray>> groups) {
        KerasLayouts.setNested("cell/", cell(), groups);
    }

    @Override
    public void setLegacyWeights(List<String> names, List<INDArray> arrays, String kerasVersion, String backend) {
        KerasLayouts.assign(this, weights(), legacyLayout(names, arrays));
    }

    /**
     * A legacy layer group's arrays in Keras 2's layout (kernel, recurrent_kernel, bias); layers whose Keras 1
     * layout differs (per-gate matrices) override it.
     */
    List<INDArray> legacyLayout(List<String> names, List<INDArray> arrays) {
        return arrays;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("return_sequences", returnSequences);
        config.put("return_state", returnState);
        config.put("go_backwards", goBackwards);
        config.put("stateful", stateful);
        config.put("unroll", unroll);
        config.put("zero_output_for_mask", zeroOutputForMask);
        return config;
    }

    static final String[] KEYS = {"return_sequences", "return_state", "go_backwards", "stateful", "unroll", "zero_output_for_mask"};

    /** Reads the RNN keys of a config. */
    L configureRnn(Config c) {
        return returnSequences(c.getBoolean("return_sequences", false))
                .returnState(c.getBoolean("return_state", false))
                .goBackwards(c.getBoolean("go_backwards", false))
                .stateful(c.getBoolean("stateful", false))
                .unroll(c.getBoolean("unroll", false))
                .zeroOutputForMask(c.getBoolean("zero_output_for_mask", false));
    }
}
