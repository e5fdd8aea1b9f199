package io.keras4j.saving;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.WritableGroup;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Names;
import io.keras4j.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras 3's weights file ({@code .weights.h5}, and {@code model.weights.h5} inside {@code .keras}), as
 * keras/src/saving/saving_lib.py {@code _save_state}/{@code _load_state}: each layer of {@code model.layers}
 * under {@code layers/<snake_case class name, numbered per name>/vars/<i>} (the {@code vars} group carries
 * the layer name as attribute {@code name}), nested models under {@code layers/<name>/layers/...}, and for a
 * compiled model {@code optimizer/vars/<i>} (see {@link OptimizerState}). Empty groups are left out (jhdf 0.10.0
 * writes them with a header libhdf5 rejects; Keras loads files without them).
 */
final class WeightsH5 {
    private WeightsH5() {
    }

    /** Visits the model's layers with their group paths, as Keras names them. */
    interface Visitor {
        void visit(String path, Layer layer);
    }

    static void walk(Model model, String prefix, Visitor visitor) {
        Map<String, Integer> used = new HashMap<>();
        java.util.Set<Layer> visited = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        if (!model.isGraphBuilt()) {
            // a subclassed model, as keras/src/saving/saving_lib.py walks it: attributes in name order, so that the
            // layers held by fields named before "layers" are saved under their field name, the rest under layers/
            for (Map.Entry<String, Layer> e : new java.util.TreeMap<>(model.trackedAttributes()).entrySet()) {
                if (e.getKey().compareTo("layers") < 0 && visited.add(e.getValue())) {
                    visitLayer(e.getValue(), prefix + e.getKey(), visitor);
                }
            }
        }
        for (Layer layer : model.layers()) {
            String name = Names.toSnakeCase(layer.className());
            Integer n = used.get(name);
            used.put(name, n == null ? 0 : n + 1);
            String path = prefix + "layers/" + (n == null ? name : name + "_" + (n + 1));
            if (visited.add(layer)) {
                visitLayer(layer, path, visitor);
            }
        }
    }

    private static void visitLayer(Layer layer, String path, Visitor visitor) {
        if (layer instanceof Model) {
            walk((Model) layer, path + "/", visitor);
        } else {
            visitor.visit(path, layer);
        }
    }

    /** Writes the model's weights (and optimizer state) to {@code file} (the caller makes it atomic). */
    static void write(Model model, Path file, boolean withOptimizer) throws IOException {
        H5Writer.write(file, h5 -> {
            Map<String, WritableGroup> groups = new HashMap<>();
            walk(model, "", (path, layer) -> {
                for (Map.Entry<String, List<INDArray>> e : LayerWeights.kerasVariables(layer).entrySet()) {
                    WritableGroup vars = group(h5, groups, path + "/" + e.getKey());
                    vars.putAttribute("name", layer.name());
                    List<INDArray> arrays = e.getValue();
                    for (int i = 0; i < arrays.size(); i++) {
                        vars.putDataset(Integer.toString(i), JavaArrays.of(arrays.get(i)));
                    }
                }
            });
            if (withOptimizer && model.compiled()) {
                List<INDArray> state = OptimizerState.variables(model);
                WritableGroup vars = group(h5, groups, "optimizer/vars");
                vars.putAttribute("name", model.optimizer().name().toLowerCase());
                for (int i = 0; i < state.size(); i++) {
                    vars.putDataset(Integer.toString(i), JavaArrays.of(state.get(i)));
                }
            }
        });
    }

    private static WritableGroup group(WritableHdfFile h5, Map<String, WritableGroup> groups, String path) {
        WritableGroup g = groups.get(path);
        if (g != null) {
            return g;
        }
        int slash = path.lastIndexOf('/');
        WritableGroup parent = slash < 0 ? null : group(h5, groups, path.substring(0, slash));
        String name = path.substring(slash + 1);
        g = parent == null ? h5.putGroup(name) : parent.putGroup(name);
        groups.put(path, g);
        return g;
    }

    /**
     * Loads the model's weights from an open Keras 3 weights file, checking every count and shape before the
     * first weight changes.
     */
    static void read(Model model, HdfFile h5, String where, boolean withOptimizer) {
        List<Runnable> assignments = new ArrayList<>();
        walk(model, "", (path, layer) -> {
            Map<String, List<INDArray>> expected = LayerWeights.kerasVariables(layer);
            Map<String, List<INDArray>> stored = new LinkedHashMap<>();
            String at = where + ": layer '" + layer.name() + "' (" + path + ")";
            for (Map.Entry<String, List<INDArray>> e : expected.entrySet()) {
                Group vars = H5.group(h5, path + "/" + e.getKey(), at);
                if (vars == null) {
                    throw new KerasFormatException(at, "missing group '" + path + "/" + e.getKey() + "'");
                }
                List<String> names = H5.children(vars, at);
                if (names.size() != e.getValue().size()) {
                    throw new KerasFormatException(at, "expected " + e.getValue().size() + " variables in '" + path + "/" + e.getKey()
                            + "', the file holds " + names.size());
                }
                List<INDArray> arrays = new ArrayList<>();
                for (int i = 0; i < e.getValue().size(); i++) {
                    arrays.add(H5.read(vars, Integer.toString(i), e.getValue().get(i).shape(), at));
                }
                stored.put(e.getKey(), arrays);
            }
            assignments.add(() -> LayerWeights.setKerasVariables(layer, stored, at));
        });
        Runnable optimizer = withOptimizer && model.compiled() ? OptimizerState.reader(model, h5, where) : null;
        assignments.forEach(Runnable::run);
        if (optimizer != null) {
            optimizer.run();
        }
    }
}
