package io.keras4j.layers;

import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;

import java.util.List;
import java.util.Map;

/**
 * Base class for recurrent layers, as keras/src/layers/rnn/rnn.py {@code RNN}: runs {@code cell} over the time
 * axis of {@code (batch, timesteps, features)} inputs. The cell is a built-in {@link SimpleRNNCell},
 * {@link LSTMCell} or {@link GRUCell} (run by the fused sequence loop), any {@link RecurrentCell} (a user's
 * layer with {@code state_size} whose call maps {@code [x_t, states...]} to {@code [output_t, new_states...]}),
 * a functional {@code Model} of that form, or a list of cells (stacked in a {@link StackedRNNCells}). Any cell
 * is called once per step and back through time with its own backward. See {@link BaseRNN} for
 * return_sequences, return_state, go_backwards, stateful, masking and initial states.
 * <pre>{@code
 * new RNN(new LSTMCell(32)).returnSequences(true)
 * new RNN(List.of(new MinimalRNNCell(32), new MinimalRNNCell(64)))   // Keras's RNN([cell1, cell2])
 * }</pre>
 */
public class RNN extends BaseRNN<RNN> {
    private final Layer cell;

    /** @param cell a RecurrentCell (built-in or a user's) or a functional Model {@code [x, states...] -> [output, states...]} */
    public RNN(Layer cell) {
        this.cell = CellLoop.checkCell("RNN", cell);
    }

    /** @param cells cells to stack, as Keras's {@code RNN([cell1, cell2])} (a {@link StackedRNNCells}) */
    public RNN(List<? extends Layer> cells) {
        this(new StackedRNNCells(cells));
    }

    @Override
    Layer cell() {
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
