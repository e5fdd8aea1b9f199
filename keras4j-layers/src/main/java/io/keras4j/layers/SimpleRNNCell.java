package io.keras4j.layers;

import io.keras4j.engine.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

import static io.keras4j.layers.RnnDropout.recurrentMatmul;
import static io.keras4j.layers.RnnDropout.recurrentMatmulBackward;

/**
 * The cell of the fully-connected recurrent layer, as keras/src/layers/rnn/simple_rnn.py {@code SimpleRNNCell}:
 * {@code h = activation(x @ kernel + bias + h_prev @ recurrent_kernel)}, with {@code kernel (input_dim, units)},
 * {@code recurrent_kernel (units, units)}, {@code bias (units,)}. In training, {@code dropout} multiplies {@code x} and
 * {@code recurrent_dropout} multiplies {@code h_prev} by a mask drawn once per sequence.
 *
 * <p>Inputs {@code [x (batch, input_dim), h_prev]}; outputs {@code [h, h]}. Defaults as Keras 3: activation
 * "tanh", kernel "glorot_uniform", recurrent "orthogonal", bias "zeros".
 */
public class SimpleRNNCell extends BaseRNNCell<SimpleRNNCell> {
    /** @param units dimensionality of the output space (positive) */
    public SimpleRNNCell(int units) {
        super(units);
    }

    @Override
    int gates() {
        return 1;
    }

    @Override
    void step(StepBuffers b, int s, INDArray[] prev, INDArray[] next) {
        INDArray z = b.steps("z", units)[s];
        recurrentMatmul(b, prev[0], recurrentKernel.value(), 0, z, 1.0);
        activation.call(z, next[0]);
    }

    @Override
    void stepBackward(StepBuffers b, int s, INDArray[] prev, INDArray[] next, INDArray[] dNext, INDArray[] dPrev) {
        INDArray dz = b.steps("dz", units)[s];
        RnnMath.activationGradient(activation, b.steps("z", units)[s], next[0], dNext[0], dz);
        recurrentMatmulBackward(b, dz, recurrentKernel.value(), 0, dPrev[0], 0.0);
    }

    static final String[] KEYS = {"units", "activation", "use_bias", "kernel_initializer", "recurrent_initializer",
        "bias_initializer", "kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "activity_regularizer",
        "kernel_constraint", "recurrent_constraint", "bias_constraint", "dropout", "recurrent_dropout", "seed"};

    /** A SimpleRNNCell from its Keras config. */
    public static SimpleRNNCell fromConfig(Map<String, Object> map) {
        boolean legacy = RnnConfigs.isLegacy(map);
        Config c = new Config("SimpleRNNCell", RnnConfigs.normalize(map)).allow(KEYS);
        return c.applyBase(new SimpleRNNCell(c.getInt("units")).configure(c, legacy));
    }
}
