package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.engine.Config;

import java.util.Map;

/**
 * Long Short-Term Memory layer (Hochreiter 1997), as keras/src/layers/rnn/lstm.py {@code LSTM}: an
 * {@link LSTMCell} run over the time axis (see the cell for the formula, the gate order i, f, c, o and the
 * weight layout: {@code kernel (input_dim, 4 * units)}, {@code recurrent_kernel (units, 4 * units)},
 * {@code bias (4 * units,)}, exactly as Keras stores them).
 *
 * <p>Input {@code (batch, timesteps, features)}; output {@code (batch, units)}, or {@code (batch, timesteps, units)}
 * with {@code returnSequences(true)}; with {@code returnState(true)} also the final {@code h} and {@code c}.
 * Defaults as Keras 3: activation "tanh", recurrent_activation "sigmoid", use_bias, kernel "glorot_uniform",
 * recurrent "orthogonal", bias "zeros", unit_forget_bias. Keras 2 configs keep their meaning
 * ({@code hard_sigmoid} is the old piecewise-linear one there).
 * <pre>{@code model.add(new LSTM(64).returnSequences(true));}</pre>
 */
public class LSTM extends BaseCellRNN<LSTM, LSTMCell> {
    /** @param units dimensionality of the output space (positive) */
    public LSTM(int units) {
        super(new LSTMCell(units));
    }

    private LSTM(LSTMCell cell) {
        super(cell);
    }

    public LSTM recurrentActivation(String activation) {
        cell.recurrentActivation(activation);
        return this;
    }

    public LSTM recurrentActivation(ActivationFunction activation) {
        cell.recurrentActivation(activation);
        return this;
    }

    public LSTM unitForgetBias(boolean unitForgetBias) {
        cell.unitForgetBias(unitForgetBias);
        return this;
    }

    /** An LSTM layer from its Keras 3, 2 or 1 config. */
    public static LSTM fromConfig(Map<String, Object> map) {
        boolean legacy = RnnConfigs.isLegacy(map);
        Config c = read("LSTM", map, LSTMCell.KEYS);
        LSTM layer = new LSTM(new LSTMCell(c.getInt("units")).configureLstm(c, legacy)).configureRnn(c);
        return c.applyBase(layer);
    }
}
