package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.Map;

/**
 * Fully-connected RNN where the output is fed back to the input, as keras/src/layers/rnn/simple_rnn.py
 * {@code SimpleRNN}: {@code h_t = activation(x_t @ kernel + h_{t-1} @ recurrent_kernel + bias)}, a
 * {@link SimpleRNNCell} run over the time axis.
 *
 * <p>Input {@code (batch, timesteps, features)}; output {@code (batch, units)} or {@code (batch, timesteps, units)}.
 * Defaults as Keras 3: activation "tanh", kernel "glorot_uniform", recurrent "orthogonal", bias "zeros".
 * <pre>{@code new SimpleRNN(4).returnSequences(true)}</pre>
 */
public class SimpleRNN extends BaseCellRNN<SimpleRNN, SimpleRNNCell> {
    /** @param units dimensionality of the output space (positive) */
    public SimpleRNN(int units) {
        super(new SimpleRNNCell(units));
    }

    private SimpleRNN(SimpleRNNCell cell) {
        super(cell);
    }

    /** A SimpleRNN layer from its Keras 3, 2 or 1 config. */
    public static SimpleRNN fromConfig(Map<String, Object> map) {
        boolean legacy = RnnConfigs.isLegacy(map);
        Config c = read("SimpleRNN", map, SimpleRNNCell.KEYS);
        SimpleRNN layer = new SimpleRNN(new SimpleRNNCell(c.getInt("units")).configure(c, legacy)).configureRnn(c);
        return c.applyBase(layer);
    }
}
