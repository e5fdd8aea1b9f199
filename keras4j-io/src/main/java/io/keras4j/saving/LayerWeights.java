package io.keras4j.saving;

import io.keras4j.engine.KerasWeights;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer's weights in Keras's file layouts: through the layer's {@link KerasWeights} hook when it has one,
 * otherwise {@code layer.weights()} as is (one group {@code "vars"}, arrays in weights order).
 */
final class LayerWeights {
    private LayerWeights() {
    }

    /** Keras 3's groups for the layer (relative path to arrays); empty groups are left out. */
    static Map<String, List<INDArray>> kerasVariables(Layer layer) {
        Map<String, List<INDArray>> groups = new LinkedHashMap<>();
        if (layer instanceof KerasWeights) {
            groups.putAll(((KerasWeights) layer).kerasVariables());
        } else {
            List<INDArray> values = new ArrayList<>();
            for (Variable v : layer.weights()) {
                values.add(v.value());
            }
            groups.put("vars", values);
        }
        groups.values().removeIf(List::isEmpty);
        return groups;
    }

    /** Sets the layer's weights from Keras 3 groups, checking counts and shapes first. */
    static void setKerasVariables(Layer layer, Map<String, List<INDArray>> groups, String where) {
        if (layer instanceof KerasWeights) {
            try {
                ((KerasWeights) layer).setKerasVariables(groups);
            } catch (IllegalArgumentException e) {
                throw new KerasFormatException(where + ": " + e.getMessage(), e);
            }
            return;
        }
        assign(layer, groups.getOrDefault("vars", List.of()), where);
    }

    /** Sets the layer's weights from a legacy .h5 layer group. */
    static void setLegacyWeights(Layer layer, List<String> names, List<INDArray> arrays, Origin origin) {
        if (layer instanceof KerasWeights) {
            try {
                ((KerasWeights) layer).setLegacyWeights(names, arrays, origin.kerasVersion(), origin.backend());
            } catch (IllegalArgumentException e) {
                throw new KerasFormatException(origin.where() + ": " + e.getMessage(), e);
            }
            return;
        }
        assign(layer, arrays, origin.where());
    }

    /** The shapes a layer without a hook expects, in weights order. */
    static List<long[]> expectedShapes(Layer layer) {
        List<long[]> out = new ArrayList<>();
        for (Variable v : layer.weights()) {
            out.add(v.value().shape());
        }
        return out;
    }

    private static void assign(Layer layer, List<INDArray> arrays, String where) {
        List<Variable> vars = layer.weights();
        if (arrays.size() != vars.size()) {
            throw new KerasFormatException(where, "layer '" + layer.name() + "' expects " + vars.size() + " weight arrays, the file holds "
                    + arrays.size());
        }
        for (int i = 0; i < vars.size(); i++) {
            if (!Arrays.equals(vars.get(i).value().shape(), arrays.get(i).shape())) {
                throw new H5.ShapeMismatch(where, "weight " + i + " of layer '" + layer.name() + "' (" + vars.get(i).name() + ") has shape "
                        + Arrays.toString(vars.get(i).value().shape()) + ", the file holds " + Arrays.toString(arrays.get(i).shape()));
            }
        }
        for (int i = 0; i < vars.size(); i++) {
            vars.get(i).assign(H5.as(arrays.get(i), vars.get(i).value().dataType()));
        }
    }
}
