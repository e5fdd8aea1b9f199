package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.backend.Blas;
import io.keras4j.constraints.Constraint;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.regularizers.Regularizer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.keras4j.layers.RnnDropout.recurrentKernelGradient;

/**
 * What SimpleRNNCell, LSTMCell and GRUCell share, as keras/src/layers/rnn/{simple_rnn,lstm,gru}.py: the
 * arguments, the weights {@code kernel (input_dim, gates * units)}, {@code recurrent_kernel (units, gates * units)}
 * and {@code bias}, and the sequence-level fast path used by {@link RecurrentLoop}: the input projection
 * {@code x @ kernel + bias} of all timesteps in one GEMM, a per-step forward and backward, and the weight
 * gradients of all timesteps in one GEMM each.
 *
 * <p>Called directly, a cell is one step: inputs {@code [x (batch, input_dim), state...]}, outputs
 * {@code [output, new_state...]}, as Keras's {@code cell(inputs, states)}.
 *
 * @param <C> the concrete cell, returned by the fluent setters
 */
abstract class BaseRNNCell<C extends BaseRNNCell<C>> extends Layer implements RecurrentCell {
    final int units;
    ActivationFunction activation = Activations.get("tanh");
    boolean useBias = true;
    Object kernelInitializer = "glorot_uniform";
    Object recurrentInitializer = "orthogonal";
    Object biasInitializer = "zeros";
    Regularizer kernelRegularizer;
    Regularizer recurrentRegularizer;
    Regularizer biasRegularizer;
    Constraint kernelConstraint;
    Constraint recurrentConstraint;
    Constraint biasConstraint;
    double dropout;
    double recurrentDropout;
    Long seed;
    Variable kernel;
    Variable recurrentKernel;
    Variable bias;

    BaseRNNCell(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": received an invalid value for argument `units`, expected a positive integer, got " + units);
        }
        this.units = units;
    }

    @SuppressWarnings("unchecked")
    private C self() {
        return (C) this;
    }

    public int units() {
        return units;
    }

    public C activation(String activation) {
        this.activation = Activations.get(activation);
        return self();
    }

    public C activation(ActivationFunction activation) {
        this.activation = activation;
        return self();
    }

    public C useBias(boolean useBias) {
        this.useBias = useBias;
        return self();
    }

    /** The kernel initializer: a Keras identifier, an {@link Initializer}, or a serialized initializer map. */
    public C kernelInitializer(Object initializer) {
        this.kernelInitializer = initializer;
        return self();
    }

    /** The recurrent kernel initializer (default "orthogonal"), resolved when the cell builds. */
    public C recurrentInitializer(Object initializer) {
        this.recurrentInitializer = initializer;
        return self();
    }

    public C biasInitializer(Object initializer) {
        this.biasInitializer = initializer;
        return self();
    }

    public C kernelRegularizer(Regularizer regularizer) {
        this.kernelRegularizer = regularizer;
        return self();
    }

    public C recurrentRegularizer(Regularizer regularizer) {
        this.recurrentRegularizer = regularizer;
        return self();
    }

    public C biasRegularizer(Regularizer regularizer) {
        this.biasRegularizer = regularizer;
        return self();
    }

    public C kernelConstraint(Constraint constraint) {
        this.kernelConstraint = constraint;
        return self();
    }

    public C recurrentConstraint(Constraint constraint) {
        this.recurrentConstraint = constraint;
        return self();
    }

    public C biasConstraint(Constraint constraint) {
        this.biasConstraint = constraint;
        return self();
    }

    /** Fraction of the inputs dropped in training (one mask per sequence), in [0, 1). */
    public C dropout(double dropout) {
        this.dropout = checkRate("dropout", dropout);
        return self();
    }

    /**
     * Fraction of the recurrent state dropped in training, in [0, 1): {@code h_tm1} is multiplied by a mask drawn
     * once per sequence (one mask per gate for LSTM and GRU, which then also draw one input dropout mask per gate),
     * as keras/src/layers/rnn/dropout_rnn_cell.py and the cells' {@code implementation == 1} path.
     */
    public C recurrentDropout(double recurrentDropout) {
        this.recurrentDropout = checkRate("recurrent_dropout", recurrentDropout);
        return self();
    }

    public C seed(long seed) {
        this.seed = seed;
        return self();
    }

    private double checkRate(String key, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(className() + ": `" + key + "` must be in [0, 1), got " + rate);
        }
        return rate;
    }

    public Variable kernel() {
        return kernel;
    }

    public Variable recurrentKernel() {
        return recurrentKernel;
    }

    public Variable bias() {
        return bias;
    }

    // ---- what each cell defines ---------------------------------------------------------------

    /** Number of gate blocks in the kernels (1 SimpleRNN, 3 GRU, 4 LSTM). */
    abstract int gates();

    /** The sizes of the states ({@code [units]}, or {@code [units, units]} for LSTM's h and c), as {@code state_size}. */
    @Override
    public long[] stateSize() {
        return new long[]{units};
    }

    long[] biasShape() {
        return new long[]{(long) gates() * units};
    }

    Initializer biasInitializerForBuild() {
        return resolve(biasInitializer);
    }

    /** The input bias added to the projection (a row of the bias for GRU's reset_after), or null. */
    INDArray inputBias() {
        return bias == null ? null : bias.value();
    }

    /** Forward step {@code s}: reads {@code z[s]} (the projected input) and {@code prev}, writes {@code next}. */
    abstract void step(StepBuffers b, int s, INDArray[] prev, INDArray[] next);

    /**
     * Backward step {@code s}: given the gradients {@code dNext} of the states it produced, writes the
     * projection gradient {@code dz[s]}, whatever {@link #recurrentGradients} reads, and {@code dPrev}
     * (overwritten).
     */
    abstract void stepBackward(StepBuffers b, int s, INDArray[] prev, INDArray[] next, INDArray[] dNext, INDArray[] dPrev);

    /** Called once before the backward steps of a sequence, to precompute what they share (nothing by default). */
    void beginBackward(StepBuffers b) {
    }

    /** Adds the recurrent kernel (and recurrent bias) gradients of all steps, given the previous states {@code (T*B, units)}. */
    void recurrentGradients(StepBuffers b, INDArray hPrev) {
        INDArray dz = b.sequence("dz", (long) gates() * units).reshape((long) b.steps * b.batch, (long) gates() * units);
        recurrentKernelGradient(b, hPrev, dz, recurrentKernel.gradient(), 0, recurrentKernel.beginGradientWrite());
    }

    // ---- dropout masks -------------------------------------------------------------------------

    /**
     * The number of dropout masks drawn per sequence: one, or one per gate when recurrent_dropout is set (Keras's
     * cells then switch to {@code implementation = 1} with {@code dropout_mask_count = 4} (LSTM) or 3 (GRU)).
     */
    int dropoutMaskCount() {
        return recurrentDropout > 0 ? gates() : 1;
    }

    /**
     * Fills {@code masks} with {@code dropout(ones, rate)}, as keras/src/layers/rnn/dropout_rnn_cell.py
     * {@code _create_dropout_mask} ({@link Dropout#fillMask}).
     */
    void fillDropoutMasks(INDArray masks, double rate, org.nd4j.linalg.api.rng.Random rng) {
        Dropout.fillMask(masks, rate, rng);
    }

    /** Adds the bias gradient: the rows of the projection gradient summed, as one GEMM {@code ones @ dz}. */
    void biasGradient(StepBuffers b, INDArray dz) {
        Blas.matmul(b.ones(), false, dz, false, bias.gradient().reshape(1, dz.size(1)), bias.beginGradientWrite());
    }

    // ---- shared machinery --------------------------------------------------------------------

    static Initializer resolve(Object initializer) {
        if (initializer instanceof Initializer) {
            return (Initializer) initializer;
        }
        return new Config("initializer", Map.of("value", initializer)).initializer("value", null);
    }

    @Override
    protected void build(List<long[]> inputShapes) {
        long[] shape = inputShapes.get(0);
        long inputDim = shape[shape.length - 1];
        if (inputDim <= 0) {
            throw new IllegalArgumentException(className() + " \"" + name() + "\" needs a known last input axis, got "
                    + io.keras4j.engine.Shapes.format(shape));
        }
        long width = (long) gates() * units;
        kernel = addWeight("kernel", new long[]{inputDim, width}, resolve(kernelInitializer), kernelRegularizer, kernelConstraint, true);
        recurrentKernel = addWeight("recurrent_kernel", new long[]{units, width}, resolve(recurrentInitializer),
                recurrentRegularizer, recurrentConstraint, true);
        if (useBias) {
            bias = addWeight("bias", biasShape(), biasInitializerForBuild(), biasRegularizer, biasConstraint, true);
        }
    }

    /** {@code z = x @ kernel + input bias} for all steps at once; {@code x} is {@code (T*B, input_dim)}. */
    void project(StepBuffers b, INDArray x) {
        long width = (long) gates() * units;
        INDArray z = b.sequence("z", width).reshape((long) b.steps * b.batch, width);
        RnnDropout.inputMatmul(b, x, kernel.value(), z);
        INDArray inBias = inputBias();
        if (inBias != null) {
            z.addiRowVector(inBias);
        }
    }

    /** Kernel, recurrent and bias gradients of all steps; returns {@code dx (T*B, input_dim)} if {@code needDx}. */
    INDArray finishBackward(StepBuffers b, INDArray x, INDArray hPrev, boolean needDx) {
        long width = (long) gates() * units;
        INDArray dz = b.sequence("dz", width).reshape((long) b.steps * b.batch, width);
        RnnDropout.inputKernelGradient(b, x, dz, kernel.gradient(), kernel.beginGradientWrite());
        recurrentGradients(b, hPrev);
        if (bias != null) {
            biasGradient(b, dz);
        }
        if (!needDx) {
            return null;
        }
        INDArray dx = b.sequence("dx", kernel.value().size(0)).reshape((long) b.steps * b.batch, kernel.value().size(0));
        return RnnDropout.inputGradient(b, dz, kernel.value(), dx);
    }

    // ---- the cell as a one-step layer --------------------------------------------------------

    @Override
    public List<long[]> computeOutputShapes(List<long[]> inputShapes) {
        long batch = inputShapes.get(0)[0];
        List<long[]> out = new ArrayList<>();
        out.add(new long[]{batch, units});
        for (long size : stateSize()) {
            out.add(new long[]{batch, size});
        }
        return out;
    }

    @Override
    public INDArray[] call(INDArray[] inputs, CallContext ctx) {
        INDArray x = inputs[0].reshape(inputs[0].size(0), 1, inputs[0].size(1));
        INDArray[] states = java.util.Arrays.copyOfRange(inputs, 1, inputs.length);
        return RecurrentLoop.forward(this, ctx, x, states, null, false, false, false);
    }

    @Override
    public INDArray[] backward(INDArray[] outputGradients, CallContext ctx) {
        INDArray[] grads = RecurrentLoop.backward(this, ctx, outputGradients);
        if (grads[0] != null) {
            grads[0] = grads[0].reshape(grads[0].size(0), grads[0].size(2));
        }
        return grads;
    }

    /** Reads the cell keys of a (normalized) Keras config. */
    C configure(Config c, boolean legacy) {
        activation(RnnConfigs.activation(c, "activation", "tanh", legacy));
        useBias(c.getBoolean("use_bias", true));
        kernelInitializer(RnnConfigs.initializer(c, "kernel_initializer", "glorot_uniform"));
        recurrentInitializer(RnnConfigs.initializer(c, "recurrent_initializer", "orthogonal"));
        biasInitializer(RnnConfigs.initializer(c, "bias_initializer", "zeros"));
        kernelRegularizer(c.regularizer("kernel_regularizer"));
        recurrentRegularizer(c.regularizer("recurrent_regularizer"));
        biasRegularizer(c.regularizer("bias_regularizer"));
        kernelConstraint(c.constraint("kernel_constraint"));
        recurrentConstraint(c.constraint("recurrent_constraint"));
        biasConstraint(c.constraint("bias_constraint"));
        dropout(c.getDouble("dropout", 0.0));
        recurrentDropout(c.getDouble("recurrent_dropout", 0.0));
        if (c.has("seed")) {
            seed(((Number) c.raw("seed")).longValue());
        }
        return self();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("units", units);
        config.put("activation", activation.name());
        putGateConfig(config);
        config.put("use_bias", useBias);
        config.put("kernel_initializer", kernelInitializer);
        config.put("recurrent_initializer", recurrentInitializer);
        config.put("bias_initializer", biasInitializer);
        putBiasConfig(config);
        config.put("kernel_regularizer", kernelRegularizer);
        config.put("recurrent_regularizer", recurrentRegularizer);
        config.put("bias_regularizer", biasRegularizer);
        config.put("kernel_constraint", kernelConstraint);
        config.put("recurrent_constraint", recurrentConstraint);
        config.put("bias_constraint", biasConstraint);
        config.put("dropout", dropout);
        config.put("recurrent_dropout", recurrentDropout);
        config.put("seed", seed);
        return config;
    }

    /** Config keys that Keras puts after {@code activation} ({@code recurrent_activation}). */
    void putGateConfig(Map<String, Object> config) {
    }

    /** Config keys that Keras puts after {@code bias_initializer} ({@code unit_forget_bias}). */
    void putBiasConfig(Map<String, Object> config) {
    }
}
