package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.backend.Blas;
import io.keras4j.engine.Config;
import io.keras4j.initializers.Initializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.keras4j.layers.RnnDropout.recurrentMatmul;
import static io.keras4j.layers.RnnDropout.recurrentMatmulBackward;
import static io.keras4j.layers.RnnMath.mul;

/**
 * The cell of the long short-term memory layer, as keras/src/layers/rnn/lstm.py {@code LSTMCell}, with the
 * gates in Keras's order i, f, c, o along the last axis of {@code kernel (input_dim, 4 * units)},
 * {@code recurrent_kernel (units, 4 * units)} and {@code bias (4 * units,)}:
 * <pre>
 * z = x @ kernel + h_prev @ recurrent_kernel + bias;  [z_i, z_f, z_c, z_o] = split(z, 4)
 * i = recurrent_activation(z_i); f = recurrent_activation(z_f); o = recurrent_activation(z_o)
 * c = f * c_prev + i * activation(z_c);  h = o * activation(c)
 * </pre>
 * In training, {@code dropout} multiplies {@code x} and {@code recurrent_dropout} multiplies {@code h_prev} by masks
 * drawn once per sequence; with recurrent_dropout each gate has its own pair of masks ({@code x_i = (x * dp_mask[0]) @ W_i},
 * {@code h_tm1_i = h_tm1 * rec_dp_mask[0]}, ...), as Keras's {@code implementation == 1}.
 * Inputs {@code [x (batch, input_dim), h_prev, c_prev]}; outputs {@code [h, h, c]} (output, then states).
 * Defaults as Keras 3: activation "tanh", recurrent_activation "sigmoid", kernel "glorot_uniform",
 * recurrent "orthogonal", bias "zeros" with {@code unit_forget_bias} (forget-gate bias initialized to 1).
 * <pre>{@code new RNN(new LSTMCell(32))}</pre>
 */
public class LSTMCell extends BaseRNNCell<LSTMCell> {
    private ActivationFunction recurrentActivation = Activations.get("sigmoid");
    private boolean unitForgetBias = true;

    /** @param units dimensionality of the output space and of each state (positive) */
    public LSTMCell(int units) {
        super(units);
    }

    public LSTMCell recurrentActivation(String activation) {
        this.recurrentActivation = Activations.get(activation);
        return this;
    }

    public LSTMCell recurrentActivation(ActivationFunction activation) {
        this.recurrentActivation = activation;
        return this;
    }

    /** Whether the forget-gate bias starts at 1 (the rest of the bias from bias_initializer), as Keras. */
    public LSTMCell unitForgetBias(boolean unitForgetBias) {
        this.unitForgetBias = unitForgetBias;
        return this;
    }

    @Override
    int gates() {
        return 4;
    }

    @Override
    public long[] stateSize() {
        return new long[]{units, units};
    }

    @Override
    Initializer biasInitializerForBuild() {
        Initializer base = resolve(biasInitializer);
        if (!unitForgetBias) {
            return base;
        }
        return new Initializer() {
            @Override
            public INDArray apply(long[] shape, DataType dtype) {
                INDArray b = base.apply(shape, dtype);
                b.get(NDArrayIndex.interval(units, 2L * units)).assign(Nd4j.ones(dtype, units));
                return b;
            }

            @Override
            public Map<String, Object> getConfig() {
                return new LinkedHashMap<>();
            }
        };
    }

    @Override
    void step(StepBuffers b, int s, INDArray[] prev, INDArray[] next) {
        long u = units;
        long w = 4 * u;
        INDArray z = b.steps("z", w)[s];
        INDArray a = b.steps("a", w)[s];
        recurrentMatmul(b, prev[0], recurrentKernel.value(), 0, z, 1.0);
        recurrentActivation.call(z, a);
        activation.call(b.columns("z", w, 2 * u, 3 * u)[s], b.columns("a", w, 2 * u, 3 * u)[s]);
        INDArray i = b.columns("a", w, 0, u)[s];
        INDArray f = b.columns("a", w, u, 2 * u)[s];
        INDArray g = b.columns("a", w, 2 * u, 3 * u)[s];
        INDArray o = b.columns("a", w, 3 * u, w)[s];
        mul(f, prev[1], next[1]);
        INDArray ig = b.scratch("ig", u);
        mul(i, g, ig);
        Blas.axpy(1.0, ig, next[1]);
        INDArray tc = b.steps("tc", u)[s];
        activation.call(next[1], tc);
        mul(o, tc, next[0]);
    }

    /**
     * With the default activations (sigmoid gates, tanh cell) the backward steps take the gate derivatives
     * from the saved activations ({@code sigmoid' = y (1 - y)}, {@code tanh' = 1 - y^2}) instead of
     * recomputing the activations.
     */
    boolean defaultActivations() {
        return "sigmoid".equals(recurrentActivation.name()) && "tanh".equals(activation.name());
    }

    /**
     * For every step at once (contiguous): {@code slope = a (1 - a)}, the sigmoid derivative of the i, f, o
     * columns, and {@code tcSlope = 1 - tanh(c)^2}.
     */
    @Override
    void beginBackward(StepBuffers b) {
        if (defaultActivations()) {
            RnnMath.sigmoidSlope(b.sequence("a", 4L * units), b.sequence("slope", 4L * units));
            RnnMath.tanhSlope(b.sequence("tc", units), b.sequence("tcSlope", units));
        }
    }

    @Override
    void stepBackward(StepBuffers b, int s, INDArray[] prev, INDArray[] next, INDArray[] dNext, INDArray[] dPrev) {
        long u = units;
        long w = 4 * u;
        INDArray i = b.columns("a", w, 0, u)[s];
        INDArray f = b.columns("a", w, u, 2 * u)[s];
        INDArray g = b.columns("a", w, 2 * u, 3 * u)[s];
        INDArray o = b.columns("a", w, 3 * u, w)[s];
        INDArray tc = b.steps("tc", u)[s];
        INDArray da = b.scratch("da", w);
        mul(dNext[0], tc, b.scratchColumns("da", w, 3 * u, w));
        INDArray dtc = b.scratch("dtc", u);
        mul(dNext[0], o, dtc);
        INDArray dc = b.scratch("dc", u);
        if (defaultActivations()) {
            mul(dtc, b.steps("tcSlope", u)[s], dc);
        } else {
            RnnMath.activationGradient(activation, next[1], tc, dtc, dc);
        }
        Blas.axpy(1.0, dNext[1], dc);
        mul(dc, g, b.scratchColumns("da", w, 0, u));
        mul(dc, prev[1], b.scratchColumns("da", w, u, 2 * u));
        mul(dc, i, b.scratchColumns("da", w, 2 * u, 3 * u));
        mul(dc, f, dPrev[1]);
        INDArray dz = b.steps("dz", w)[s];
        if (defaultActivations()) {
            INDArray slope = b.steps("slope", w)[s];
            RnnMath.tanhSlope(g, b.columns("slope", w, 2 * u, 3 * u)[s]);
            mul(da, slope, dz);
        } else {
            RnnMath.activationGradient(recurrentActivation, b.steps("z", w)[s], b.steps("a", w)[s], da, dz);
            RnnMath.activationGradient(activation, b.columns("z", w, 2 * u, 3 * u)[s], g,
                    b.scratchColumns("da", w, 2 * u, 3 * u), b.columns("dz", w, 2 * u, 3 * u)[s]);
        }
        recurrentMatmulBackward(b, dz, recurrentKernel.value(), 0, dPrev[0], 0.0);
    }

    @Override
    void putGateConfig(Map<String, Object> config) {
        config.put("recurrent_activation", recurrentActivation.name());
    }

    @Override
    void putBiasConfig(Map<String, Object> config) {
        config.put("unit_forget_bias", unitForgetBias);
    }

    /** Reads the LSTM cell keys of a normalized config. */
    LSTMCell configureLstm(Config c, boolean legacy) {
        configure(c, legacy);
        recurrentActivation(RnnConfigs.activation(c, "recurrent_activation", "sigmoid", legacy));
        return unitForgetBias(c.getBoolean("unit_forget_bias", true));
    }

    static final String[] KEYS = {"units", "activation", "recurrent_activation", "use_bias", "kernel_initializer",
        "recurrent_initializer", "bias_initializer", "unit_forget_bias", "kernel_regularizer", "recurrent_regularizer",
        "bias_regularizer", "activity_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint",
        "dropout", "recurrent_dropout", "seed"};

    /** An LSTMCell from its Keras config. */
    public static LSTMCell fromConfig(Map<String, Object> map) {
        boolean legacy = RnnConfigs.isLegacy(map);
        Config c = new Config("LSTMCell", RnnConfigs.normalize(map)).allow(KEYS);
        return c.applyBase(new LSTMCell(c.getInt("units")).configureLstm(c, legacy));
    }
}
