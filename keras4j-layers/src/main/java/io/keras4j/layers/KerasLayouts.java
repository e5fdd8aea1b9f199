package io.keras4j.layers;

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
 * The shared mechanics of the {@link KerasWeights} hooks of the layers that nest others (recurrent layers and
 * their cell, wrappers): a sublayer's groups under a prefix, as keras/src/saving/saving_lib.py {@code _save_state}
 * names tracked sublayers ({@code "cell"}, {@code "forward_layer"}, {@code "layer"}), and checked assignment.
 */
final class KerasLayouts {
    private KerasLayouts() {
    }

    /** The Keras 3 groups of {@code layer}, each path prefixed with {@code prefix} ("cell/"). */
    static Map<String, List<INDArray>> nested(String prefix, Layer layer) {
        Map<String, List<INDArray>> out = new LinkedHashMap<>();
        if (layer instanceof KerasWeights) {
            ((KerasWeights) layer).kerasVariables().forEach((path, arrays) -> out.put(prefix + path, arrays));
        } else {
            out.put(prefix + "vars", values(layer.weights()));
        }
        return out;
    }

    /** Sets {@code layer}'s weights from the groups below {@code prefix} of {@code groups}. */
    static void setNested(String prefix, Layer layer, Map<String, List<INDArray>> groups) {
        Map<String, List<INDArray>> inner = new LinkedHashMap<>();
        groups.forEach((path, arrays) -> {
            if (path.startsWith(prefix)) {
                inner.put(path.substring(prefix.length()), arrays);
            }
        });
        if (layer instanceof KerasWeights) {
            ((KerasWeights) layer).setKerasVariables(inner);
        } else {
            assign(layer, layer.weights(), inner.getOrDefault("vars", List.of()));
        }
    }

    /** The variables' current values, in order. */
    static List<INDArray> values(List<Variable> variables) {
        List<INDArray> out = new ArrayList<>();
        for (Variable v : variables) {
            out.add(v.value());
        }
        return out;
    }

    /**
     * Assigns {@code arrays} to {@code variables} after checking the count and every shape.
     *
     * @throws IllegalArgumentException naming the layer and the first mismatch
     */
    static void assign(Layer owner, List<Variable> variables, List<INDArray> arrays) {
        if (arrays.size() != variables.size()) {
            throw new IllegalArgumentException(owner.className() + " \"" + owner.name() + "\" expects " + variables.size()
                    + " weight arrays, got " + arrays.size());
        }
        for (int i = 0; i < arrays.size(); i++) {
            long[] want = variables.get(i).value().shape();
            if (!Arrays.equals(want, arrays.get(i).shape())) {
                throw new IllegalArgumentException(owner.className() + " \"" + owner.name() + "\": weight " + i + " ("
                        + variables.get(i).name() + ") has shape " + Arrays.toString(want) + ", got " + Arrays.toString(arrays.get(i).shape()));
            }
        }
        for (int i = 0; i < arrays.size(); i++) {
            Variable v = variables.get(i);
            v.assign(arrays.get(i).castTo(v.value().dataType()));
        }
    }
}
