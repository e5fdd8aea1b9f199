package io.keras4j.layers;

import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;

import java.util.LinkedHashMap;
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
        Map<String, Object> serialized = new LinkedHashMap<>();
        serialized.put("module", "keras.layers");
        serialized.put("class_name", cell.className());
        serialized.put("config", cell.getConfig());
        serialized.put("registered_name", null);
        config.put("cell", serialized);
        return config;
    }

    /** An RNN layer from its Keras config ({@code cell} serialized as {@code {"class_name", "config"}}). */
    @SuppressWarnings("unchecked")
    public static RNN fromConfig(Map<String, Object> map) {
        Config c = new Config("RNN", map).allow(keys());
        Object cell = c.raw("cell");
        if (!(cell instanceof Map) || !(((Map<?, ?>) cell).get("class_name") instanceof String)) {
            throw new IllegalArgumentException("RNN: config key 'cell' must be a serialized cell {\"class_name\", \"config\"}, got " + cell);
        }
        Map<String, Object> cellMap = (Map<String, Object>) cell;
        Layer built = LayerProvider.fromConfig((String) cellMap.get("class_name"), (Map<String, Object>) cellMap.get("config"));
        return c.applyBase(new RNN(built).configureRnn(c));
    }

    private static String[] keys() {
        String[] all = java.util.Arrays.copyOf(KEYS, KEYS.length + 1);
        all[KEYS.length] = "cell";
        return all;
    }
}
