package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.engine.Config;

import java.util.Map;

/**
 * Gated Recurrent Unit (Cho et al. 2014), as keras/src/layers/rnn/gru.py {@code GRU}: a {@link GRUCell} run
 * over the time axis (see the cell for the formula, the gate order z, r, h and the weight layout;
 * with {@code reset_after} (default true) the bias is {@code (2, 3 * units)}, input and recurrent).
 *
 * <p>Input {@code (batch, timesteps, features)}; output {@code (batch, units)} or, with
 * {@code returnSequences(true)}, {@code (batch, timesteps, units)}; {@code returnState(true)} adds the final h.
 * Defaults as Keras 3: activation "tanh", recurrent_activation "sigmoid", reset_after true.
 * <pre>{@code new GRU(32).resetAfter(false)}</pre>
 */
public class GRU extends BaseCellRNN<GRU, GRUCell> {
    /** @param units dimensionality of the output space (positive) */
    public GRU(int units) {
        super(new GRUCell(units));
    }

    private GRU(GRUCell cell) {
        super(cell);
    }

    public GRU recurrentActivation(String activation) {
        cell.recurrentActivation(activation);
        return this;
    }

    public GRU recurrentActivation(ActivationFunction activation) {
        cell.recurrentActivation(activation);
        return this;
    }

    public GRU resetAfter(boolean resetAfter) {
        cell.resetAfter(resetAfter);
        return this;
    }

    /** A GRU layer from its Keras 3, 2 or 1 config (without {@code reset_after}, Keras 1/2 meant false). */
    public static GRU fromConfig(Map<String, Object> map) {
        boolean legacy = RnnConfigs.isLegacy(map);
        Config c = read("GRU", map, GRUCell.KEYS);
        GRU layer = new GRU(new GRUCell(c.getInt("units")).configureGru(c, legacy)).configureRnn(c);
        return c.applyBase(layer);
    }
}
