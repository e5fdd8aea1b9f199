package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.constraints.Constraint;
import io.keras4j.engine.Config;
import io.keras4j.regularizers.Regularizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recurrent layer that owns its built-in cell (SimpleRNN, LSTM, GRU), as Keras's layers that construct
 * their cell from their own arguments: the cell's arguments are the layer's, and the layer's config is
 * the RNN keys followed by the cell keys.
 *
 * @param <L> the concrete layer
 * @param <C> its cell
 */
abstract class BaseCellRNN<L extends BaseCellRNN<L, C>, C extends BaseRNNCell<C>> extends BaseRNN<L> {
    final C cell;

    BaseCellRNN(C cell) {
        this.cell = cell;
    }

    @Override
    C cell() {
        return cell;
    }

    @SuppressWarnings("unchecked")
    L self() {
        return (L) this;
    }

    public int units() {
        return cell.units;
    }

    public L activation(String activation) {
        cell.activation(activation);
        return self();
    }

    public L activation(ActivationFunction activation) {
        cell.activation(activation);
        return self();
    }

    public L useBias(boolean useBias) {
        cell.useBias(useBias);
        return self();
    }

    /** A Keras identifier, an {@code Initializer}, or a serialized initializer map. */
    public L kernelInitializer(Object initializer) {
        cell.kernelInitializer(initializer);
        return self();
    }

    /** A Keras identifier (default "orthogonal"), an {@code Initializer}, or a serialized initializer map. */
    public L recurrentInitializer(Object initializer) {
        cell.recurrentInitializer(initializer);
        return self();
    }

    public L biasInitializer(Object initializer) {
        cell.biasInitializer(initializer);
        return self();
    }

    public L kernelRegularizer(Regularizer regularizer) {
        cell.kernelRegularizer(regularizer);
        return self();
    }

    public L recurrentRegularizer(Regularizer regularizer) {
        cell.recurrentRegularizer(regularizer);
        return self();
    }

    public L biasRegularizer(Regularizer regularizer) {
        cell.biasRegularizer(regularizer);
        return self();
    }

    public L kernelConstraint(Constraint constraint) {
        cell.kernelConstraint(constraint);
        return self();
    }

    public L recurrentConstraint(Constraint constraint) {
        cell.recurrentConstraint(constraint);
        return self();
    }

    public L biasConstraint(Constraint constraint) {
        cell.biasConstraint(constraint);
        return self();
    }

    public L dropout(double dropout) {
        cell.dropout(dropout);
        return self();
    }

    public L recurrentDropout(double recurrentDropout) {
        cell.recurrentDropout(recurrentDropout);
        return self();
    }

    public L seed(long seed) {
        cell.seed(seed);
        return self();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        Map<String, Object> cellConfig = cell.getConfig();
        for (String base : List.of("name", "trainable", "dtype")) {
            cellConfig.remove(base);
        }
        for (Map.Entry<String, Object> e : cellConfig.entrySet()) {
            config.put(e.getKey(), e.getValue());
            if (e.getKey().equals("bias_regularizer")) {
                config.put("activity_regularizer", activityRegularizer());
            }
        }
        return config;
    }

    /** The allowed keys of a layer config: the RNN keys and the cell keys. */
    static String[] keys(String[] cellKeys) {
        String[] all = new String[BaseRNN.KEYS.length + cellKeys.length];
        System.arraycopy(BaseRNN.KEYS, 0, all, 0, BaseRNN.KEYS.length);
        System.arraycopy(cellKeys, 0, all, BaseRNN.KEYS.length, cellKeys.length);
        return all;
    }

    /** A normalized config reader for a layer config that may come from Keras 1, 2 or 3. */
    static Config read(String owner, Map<String, Object> map, String[] cellKeys) {
        return new Config(owner, new LinkedHashMap<>(RnnConfigs.normalize(map))).allow(keys(cellKeys));
    }
}
