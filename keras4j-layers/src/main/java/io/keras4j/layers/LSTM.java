package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.engine.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
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

    /**
     * Keras 1's twelve per-gate arrays ({@code W_i, U_i, b_i, W_c, U_c, b_c, W_f, U_f, b_f, W_o, U_o, b_o}, both
     * backends) joined into Keras 2's kernel, recurrent_kernel and bias in gate order i, f, c, o, as Keras 2's
     * keras/engine/saving.py {@code preprocess_weights_for_loading}; other layouts are returned as is.
     */
    @Override
    List<INDArray> legacyLayout(List<String> names, List<INDArray> arrays) {
        if (arrays.size() != 12) {
            return arrays;
        }
        INDArray[][] parts = new INDArray[3][4];
        String gates = "ifco";
        for (int i = 0; i < 12; i++) {
            String name = names.get(i).replaceFirst(":\\d+$", "");
            int sep = name.lastIndexOf('_');
            int kind = sep < 1 ? -1 : "WUb".indexOf(name.charAt(sep - 1));
            int gate = sep < 0 || sep + 2 != name.length() ? -1 : gates.indexOf(name.charAt(sep + 1));
            if (kind < 0 || gate < 0 || parts[kind][gate] != null) {
                throw new IllegalArgumentException("LSTM \"" + name() + "\": Keras 1 weight names must end in W_, U_ or b_ and a gate i, f, c, o "
                        + "(once each), got " + names);
            }
            parts[kind][gate] = arrays.get(i);
        }
        return List.of(Nd4j.concat(1, parts[0]), Nd4j.concat(1, parts[1]), Nd4j.concat(0, parts[2]));
    }

    /** An LSTM layer from its Keras 3, 2 or 1 config. */
    public static LSTM fromConfig(Map<String, Object> map) {
        boolean legacy = RnnConfigs.isLegacy(map);
        Config c = read("LSTM", map, LSTMCell.KEYS);
        LSTM layer = new LSTM(new LSTMCell(c.getInt("units")).configureLstm(c, legacy)).configureRnn(c);
        return c.applyBase(layer);
    }
}
