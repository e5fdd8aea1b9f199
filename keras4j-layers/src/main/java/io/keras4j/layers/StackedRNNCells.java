package io.keras4j.layers;

import io.keras4j.backend.Backend;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.KerasWeights;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Names;
import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wrapper allowing a stack of RNN cells to behave as a single cell, as keras/src/layers/rnn/stacked_rnn_cells.py
 * {@code StackedRNNCells}: each cell's output is the next cell's input; the states are the cells' states in
 * order (flattened), the output is the last cell's. {@code new RNN(List.of(cell1, cell2))} wraps its cells in one.
 * Each cell is built with the previous cell's output size, as Keras. Keras 3 files keep cell {@code i}'s weights
 * under {@code cells/<snake_case class name>[_n]/} (keras/src/saving/saving_lib.py {@code _save_container_state}).
 * In training, built-in cells in a stack support neither dropout nor recurrent_dropout yet (their masks must last
 * a whole sequence): stack the layers instead ({@code LSTM(32).returnSequences(true)} then {@code LSTM(16)}).
 * <pre>{@code new RNN(new StackedRNNCells(new LSTMCell(32), new LSTMCell(16))).returnSequences(true)}</pre>
 */
public class StackedRNNCells extends Layer implements RecurrentCell, KerasWeights {
    private final List<Layer> cells;

    /** @param cells the cells, each a {@link RecurrentCell} or a functional model {@code [x, states...] -> [output, states...]} */
    public StackedRNNCells(List<? extends Layer> cells) {
        if (cells == null || cells.isEmpty()) {
            throw new IllegalArgumentException("StackedRNNCells: argument `cells` must be a non-empty list of cells, got " + cells);
        }
        for (Layer cell : cells) {
            CellLoop.checkCell("StackedRNNCells", cell);
        }
        this.cells = List.copyOf(cells);
    }

    public StackedRNNCells(Layer... cells) {
        this(Arrays.asList(cells));
    }

    public List<Layer> cells() {
        return cells;
    }

    @Override
    public long[] stateSize() {
        return cells.stream().flatMapToLong(c -> Arrays.stream(CellLoop.stateSizes(c))).toArray();
    }

    @Override
    public long outputSize() {
        return CellLoop.outputSize(cells.get(cells.size() - 1));
    }

    @Override
    protected void build(long[] inputShape) {
        long[] shape = inputShape;
        for (Layer cell : cells) {
            if (!cell.built()) {
                cell.dtype(Backend.dtypeName(dtype()));
            }
            cell.ensureBuilt(List.of(shape));
            shape = new long[]{shape[0], CellLoop.outputSize(cell)};
        }
    }

    @Override
    public List<long[]> computeOutputShapes(List<long[]> inputShapes) {
        long batch = inputShapes.get(0)[0];
        List<long[]> out = new ArrayList<>();
        out.add(new long[]{batch, outputSize()});
        for (long size : stateSize()) {
            out.add(new long[]{batch, size});
        }
        return out;
    }

    @Override
    protected int outputCount() {
        return 1 + stateSize().length;
    }

    /** One step: inputs {@code [x, states of cell 1..., states of cell 2..., ...]}, outputs {@code [output, new states...]}. */
    @Override
    public INDArray[] call(INDArray[] inputs, CallContext ctx) {
        for (Layer cell : cells) {
            if (ctx.training() && cell instanceof BaseRNNCell
                    && (((BaseRNNCell<?>) cell).dropout > 0 || ((BaseRNNCell<?>) cell).recurrentDropout > 0)) {
                throw new UnsupportedOperationException("StackedRNNCells \"" + name() + "\": cell \"" + cell.name()
                        + "\" has dropout or recurrent_dropout, not implemented yet for stacked cells in training; stack the "
                        + "recurrent layers instead (returnSequences(true) on all but the last)");
            }
        }
        INDArray x = inputs[0];
        List<INDArray> states = new ArrayList<>();
        int offset = 1;
        for (int i = 0; i < cells.size(); i++) {
            int n = CellLoop.stateSizes(cells.get(i)).length;
            INDArray[] args = new INDArray[n + 1];
            args[0] = x;
            System.arraycopy(inputs, offset, args, 1, n);
            INDArray[] out = cells.get(i).call(args, CellLoop.child(ctx, "stacked:" + i, n + 1, i > 0 || ctx.needsInputGradient(0)));
            x = out[0];
            states.addAll(Arrays.asList(out).subList(1, n + 1));
            offset += n;
        }
        INDArray[] result = new INDArray[states.size() + 1];
        result[0] = x;
        for (int k = 0; k < states.size(); k++) {
            result[k + 1] = states.get(k);
        }
        return result;
    }

    @Override
    public INDArray[] backward(INDArray[] outputGradients, CallContext ctx) {
        INDArray[] result = new INDArray[outputGradients.length];
        int end = outputGradients.length;
        INDArray dOutput = outputGradients[0];
        for (int i = cells.size() - 1; i >= 0; i--) {
            int n = CellLoop.stateSizes(cells.get(i)).length;
            INDArray[] grads = new INDArray[n + 1];
            grads[0] = dOutput;
            System.arraycopy(outputGradients, end - n, grads, 1, n);
            INDArray[] back = cells.get(i).backward(grads, ctx.saved("stacked:" + i));
            System.arraycopy(back, 1, result, end - n, n);
            dOutput = back[0];
            end -= n;
        }
        result[0] = dOutput;
        return result;
    }

    @Override
    public List<Variable> weights() {
        List<Variable> out = new ArrayList<>();
        cells.forEach(c -> out.addAll(c.weights()));
        return out;
    }

    @Override
    public List<Variable> trainableWeights() {
        List<Variable> out = new ArrayList<>();
        if (trainable()) {
            cells.forEach(c -> out.addAll(c.trainableWeights()));
        }
        return out;
    }

    @Override
    public List<Variable> nonTrainableWeights() {
        List<Variable> out = new ArrayList<>();
        cells.forEach(c -> out.addAll(trainable() ? c.nonTrainableWeights() : c.weights()));
        return out;
    }

    /** The group of each cell, as Keras names the items of a list: snake_case class name, then {@code _1}, {@code _2}, ... */
    private List<String> cellGroups() {
        Map<String, Integer> used = new HashMap<>();
        List<String> groups = new ArrayList<>();
        for (Layer cell : cells) {
            String name = Names.toSnakeCase(cell.className());
            Integer n = used.get(name);
            used.put(name, n == null ? 0 : n + 1);
            groups.add("cells/" + (n == null ? name : name + "_" + (n + 1)) + "/");
        }
        return groups;
    }

    @Override
    public Map<String, List<INDArray>> kerasVariables() {
        Map<String, List<INDArray>> out = new LinkedHashMap<>();
        List<String> groups = cellGroups();
        for (int i = 0; i < cells.size(); i++) {
            out.putAll(KerasLayouts.nested(groups.get(i), cells.get(i)));
        }
        return out;
    }

    @Override
    public void setKerasVariables(Map<String, List<INDArray>> groups) {
        List<String> names = cellGroups();
        for (int i = 0; i < cells.size(); i++) {
            KerasLayouts.setNested(names.get(i), cells.get(i), groups);
        }
    }

    @Override
    public void setLegacyWeights(List<String> names, List<INDArray> arrays, String kerasVersion, String backend) {
        KerasLayouts.assign(this, weights(), arrays);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        List<Object> serialized = new ArrayList<>();
        cells.forEach(c -> serialized.add(NestedLayers.serialize(c)));
        config.put("cells", serialized);
        return config;
    }

    /** A StackedRNNCells from its Keras config ({@code cells}: serialized cells). */
    public static StackedRNNCells fromConfig(Map<String, Object> map) {
        Config c = new Config("StackedRNNCells", map).allow("cells");
        if (!(c.raw("cells") instanceof List)) {
            throw new IllegalArgumentException("StackedRNNCells: config key 'cells' must be a list of serialized cells, got " + c.raw("cells"));
        }
        List<Layer> cells = new ArrayList<>();
        for (Object cell : (List<?>) c.raw("cells")) {
            cells.add(NestedLayers.deserialize("StackedRNNCells", "cells", cell, null));
        }
        return c.applyBase(new StackedRNNCells(cells));
    }
}
