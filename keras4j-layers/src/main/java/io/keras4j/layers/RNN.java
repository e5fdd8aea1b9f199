package io.keras4j.layers;

import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;

import java.util.Map;

/**
 * Base class for recurrent layers, as keras/src/layers/rnn/rnn.py {@code RNN}: runs {@code cell} over the
 * time axis of {@code (batch, timesteps, features)} inputs. The cell is one of {@link SimpleRNNCell},
 * {@link LSTMCell}, {@link GRUCell}; see {@link BaseRNN} for return_sequences, return_state, go_backwards,
 * stateful, masking and initial states.
 * <pre>{@code new RNN(new LSTMCell(32)).returnSequences(true)}</pre>
 */
public class RNN extends BaseRNN<RNN> {
    private final BaseRNNCell<?> cell;

    /** @param cell a SimpleRNNCell, LSTMCell or GRUCell */
    public RNN(Layer cell) {
        if (!(cell instanceof BaseRNNCell)) {
            throw new IllegalArgumentException("RNN: argument `cell` must be a SimpleRNNCell, LSTMCell or GRUCell, got "
                    + (cell == null ? "null" : cell.className()));
        }
        this.cell = (BaseRNNCell<?>) cell;
    }

    @Override
    BaseRNNCell<?> cell() {
        return cell;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("cell", NestedLayers.serialize(cell));
        return config;
    }

    /** An RNN layer from its Keras config ({@code cell} serialized as {@code {"class_name", "config"}}). */
    public static RNN fromConfig(Map<String, Object> map) {
        Config c = new Config("RNN", map).allow(keys());
        return c.applyBase(new RNN(NestedLayers.deserialize("RNN", "cell", c.raw("cell"), null)).configureRnn(c));
    }

    private static String[] keys() {
        String[] all = java.util.Arrays.copyOf(KEYS, KEYS.length + 1);
        all[KEYS.length] = "cell";
        return all;
    }
}
