package io.keras4j.saving;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.WritableGroup;
import io.keras4j.engine.KerasWeights;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
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
 * The legacy HDF5 formats of Keras 1, 2 and 3 (keras/src/legacy/saving/legacy_h5_format.py): full models with
 * root attributes {@code model_config}, {@code training_config}, {@code keras_version}, {@code backend} and
 * group {@code model_weights}; weight files with root attribute {@code layer_names}. Each layer group lists its
 * arrays in attribute {@code weight_names} (paths below the group, e.g. {@code dense_1/kernel:0}).
 */
final class LegacyH5 {
    private LegacyH5() {
    }

    /** Whether an open file is in a legacy layout (a weights group with {@code layer_names}). */
    static Group weightsGroup(HdfFile h5, String where) {
        Group modelWeights = H5.group(h5, "model_weights", where);
        if (modelWeights != null) {
            return modelWeights;
        }
        return h5.getAttributes().containsKey("layer_names") ? h5 : null;
    }

    /** A model (compiled if the file has a training config this build understands) from a legacy full-model file. */
    static Model loadModel(HdfFile h5, String where) {
        String config = H5.stringAttribute(h5, "model_config", where);
        if (config == null) {
            throw new KerasFormatException(where, "no 'model_config' attribute: this HDF5 file holds no model (weights only?)");
        }
        String version = H5.stringAttribute(h5, "keras_version", where);
        String backend = H5.stringAttribute(h5, "backend", where);
        Group weights = H5.group(h5, "model_weights", where);
        if (weights != null) {
            version = version != null ? version : H5.stringAttribute(weights, "keras_version", where);
            backend = backend != null ? backend : H5.stringAttribute(weights, "backend", where);
        }
        Origin origin = new Origin(where, version == null ? "" : version, backend == null ? "" : backend);
        Model model = ModelLoader.model(JsonText.parse(config, where + ": attribute 'model_config'"), origin);
        if (weights != null) {
            loadWeights(model, weights, origin, false, false);
        }
        String training = H5.stringAttribute(h5, "training_config", where);
        if (training != null) {
            Compiler.compileLegacy(model, JsonText.parse(training, where + ": attribute 'training_config'"), origin.at("training_config"));
        }
        return model;
    }

    /**
     * Loads weights from a legacy weights group, as {@code load_weights_from_hdf5_group} (by order) and
     * {@code load_weights_from_hdf5_group_by_name}; checks everything before changing any weight.
     */
    static void loadWeights(Model model, Group group, Origin origin, boolean byName, boolean skipMismatch) {
        String version = H5.stringAttribute(group, "keras_version", origin.where());
        String backend = H5.stringAttribute(group, "backend", origin.where());
        Origin o = origin.withVersion(origin.kerasVersion().isEmpty() ? version : null, origin.backend().isEmpty() ? backend : null);
        List<String> names = new ArrayList<>();
        Map<String, List<String>> weightNames = new LinkedHashMap<>();
        for (String name : H5.stringsAttribute(group, "layer_names", o.where())) {
            Group g = H5.group(group, name, o.where());
            if (g == null) {
                throw new KerasFormatException(o.where(), "layer_names lists '" + name + "' but there is no such group");
            }
            List<String> wn = H5.stringsAttribute(g, "weight_names", o.where());
            if (!wn.isEmpty()) {
                names.add(name);
                weightNames.put(name, wn);
            }
        }
        List<Layer> layers = new ArrayList<>();
        for (Layer layer : model.layers()) {
            if (!layer.weights().isEmpty()) {
                layers.add(layer);
            }
        }
        List<Runnable> assignments = new ArrayList<>();
        if (byName) {
            for (Layer layer : layers) {
                if (weightNames.containsKey(layer.name())) {
                    prepare(layer, H5.group(group, layer.name(), o.where()), weightNames.get(layer.name()), o, skipMismatch, assignments);
                }
            }
        } else {
            if (names.size() != layers.size()) {
                throw new KerasFormatException(o.where(), "the file holds weights for " + names.size() + " layers " + names
                        + ", the model has " + layers.size() + " layers with weights " + layers.stream().map(Layer::name).toList());
            }
            for (int i = 0; i < layers.size(); i++) {
                prepare(layers.get(i), H5.group(group, names.get(i), o.where()), weightNames.get(names.get(i)), o, skipMismatch, assignments);
            }
        }
        assignments.forEach(Runnable::run);
    }

    private static void prepare(Layer layer, Group g, List<String> weightNames, Origin origin, boolean skipMismatch,
                                List<Runnable> assignments) {
        Origin at = origin.at("layer '" + layer.name() + "' (group '" + g.getPath() + "')");
        List<long[]> expected = layer instanceof KerasWeights ? null : LayerWeights.expectedShapes(layer);
        if (expected != null && expected.size() != weightNames.size()) {
            if (skipMismatch) {
                return;
            }
            throw new KerasFormatException(at.where(), "layer expects " + expected.size() + " weight arrays, the file holds "
                    + weightNames.size() + " " + weightNames);
        }
        List<INDArray> arrays = new ArrayList<>();
        try {
            for (int i = 0; i < weightNames.size(); i++) {
                arrays.add(H5.read(g, weightNames.get(i), expected == null ? null : expected.get(i), at.where()));
            }
        } catch (H5.ShapeMismatch e) {
            if (skipMismatch) {
                return;
            }
            throw e;
        }
        assignments.add(() -> LayerWeights.setLegacyWeights(layer, weightNames, arrays, at));
    }

    /** Writes a full model in the legacy format, as Keras 3's {@code save_model_to_hdf5} (without optimizer weights). */
    static void save(Model model, Path file) throws IOException {
        H5Writer.write(file, h5 -> {
            h5.putAttribute("backend", "keras4j");
            h5.putAttribute("keras_version", KerasArchive.KERAS_VERSION);
            h5.putAttribute("model_config", JsonText.write(legacyForm(ModelConfig.modelEntry(model), true)));
            if (model.compiled()) {
                h5.putAttribute("training_config", JsonText.write(Compiler.legacyTrainingConfig(model)));
            }
            WritableGroup weights = h5.putGroup("model_weights");
            weights.putAttribute("backend", "keras4j");
            weights.putAttribute("keras_version", KerasArchive.KERAS_VERSION);
            List<String> layerNames = new ArrayList<>();
            for (Layer layer : model.layers()) {
                List<INDArray> arrays = new ArrayList<>();
                LayerWeights.kerasVariables(layer).values().forEach(arrays::addAll);
                if (arrays.isEmpty()) {
                    continue;
                }
                layerNames.add(layer.name());
                List<Variable> vars = layer.weights();
                WritableGroup lg = weights.putGroup(layer.name());
                Map<String, WritableGroup> groups = new HashMap<>();
                String[] names = new String[arrays.size()];
                for (int i = 0; i < arrays.size(); i++) {
                    String var = vars.size() == arrays.size() ? vars.get(i).name() : "var_" + i;
                    names[i] = model.name() + "/" + layer.name() + "/" + var;
                    WritableGroup scope = groups.computeIfAbsent(model.name(), lg::putGroup);
                    WritableGroup inner = groups.computeIfAbsent(model.name() + "/" + layer.name(), k -> scope.putGroup(layer.name()));
                    inner.putDataset(var, JavaArrays.of(arrays.get(i)));
                }
                lg.putAttribute("weight_names", names);
            }
            weights.putAttribute("layer_names", layerNames.toArray(new String[0]));
        });
    }

    /** Keras's legacy serialization: the same config without {@code module}, {@code registered_name} and build/compile configs at model and layer level. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> legacyForm(Map<String, Object> entry, boolean model) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", entry.get("class_name"));
        Object config = entry.get("config");
        if (config instanceof Map && ((Map<String, Object>) config).get("layers") instanceof List) {
            Map<String, Object> c = new LinkedHashMap<>((Map<String, Object>) config);
            List<Object> layers = new ArrayList<>();
            for (Object layer : (List<Object>) c.get("layers")) {
                Map<String, Object> l = (Map<String, Object>) layer;
                Map<String, Object> legacy = legacyForm(l, false);
                for (String key : new String[]{"name", "inbound_nodes"}) {
                    if (l.containsKey(key)) {
                        legacy.put(key, l.get(key));
                    }
                }
                layers.add(legacy);
            }
            c.put("layers", layers);
            config = c;
        }
        out.put("config", config);
        return out;
    }
}
