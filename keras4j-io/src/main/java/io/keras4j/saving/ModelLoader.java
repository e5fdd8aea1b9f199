package io.keras4j.saving;

import io.keras4j.engine.InputLayer;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a model from its saved config, as keras/src/saving/serialization_lib.py
 * {@code deserialize_keras_object} with {@code Sequential.from_config} and {@code Functional.from_config}
 * ({@code functional_from_config}: layers are created in order, then their nodes are replayed as soon as
 * all their input tensors exist). Accepts Keras 3 configs, tf.keras 2.x configs ({@code Model}/{@code Functional}
 * class names, list-style {@code inbound_nodes}, {@code batch_input_shape}) and Keras 1 configs (see
 * {@link LegacyConfigs}). Any structural problem raises {@link KerasFormatException} naming the element; a layer
 * class keras4j does not have raises {@link UnsupportedFeatureException}.
 */
final class ModelLoader {
    private ModelLoader() {
    }

    /** A model from its top-level entry ({@code {"class_name": "Sequential", "config": ...}}). */
    static Model model(Object json, Origin origin) {
        Map<String, Object> entry = Shape.map(json, origin, "the model config");
        String version = entry.get("keras_version") instanceof String ? (String) entry.get("keras_version") : null;
        String backend = entry.get("backend") instanceof String ? (String) entry.get("backend") : null;
        Origin o = origin.withVersion(version, backend);
        Layer layer;
        try {
            layer = layer(entry, o);
        } catch (KerasFormatException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new KerasFormatException(o.where() + ": the model declares weights too large to allocate (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new KerasFormatException(o.where() + ": cannot build the model: " + e, e);
        }
        if (!(layer instanceof Model)) {
            throw new KerasFormatException(o.where(), "expected a model config (class_name Sequential, Functional or Model), got class_name '"
                    + entry.get("class_name") + "'");
        }
        return (Model) layer;
    }

    /** A layer (or nested model) from its entry. */
    static Layer layer(Map<String, Object> entry, Origin origin) {
        String className = LegacyConfigs.className(Shape.string(entry.get("class_name"), origin, "class_name"));
        Object rawConfig = entry.get("config");
        switch (className) {
            case "Sequential":
                return sequential(rawConfig, origin);
            case "Functional":
            case "Model":
                return functional(Shape.map(rawConfig, origin, "config"), origin);
            default:
                break;
        }
        Map<String, Object> config = Shape.map(rawConfig == null ? new LinkedHashMap<>() : rawConfig, origin, "config of " + className);
        String name = config.get("name") instanceof String ? (String) config.get("name") : className;
        Origin at = origin.at("layer '" + name + "'");
        config = LegacyConfigs.upgrade(className, config, at);
        if (className.equals("InputLayer")) {
            return inputLayer(config, at);
        }
        String registered = entry.get("registered_name") instanceof String ? (String) entry.get("registered_name") : null;
        String key = registered != null && LayerProvider.names().contains(registered) ? registered : className;
        if (!LayerProvider.names().contains(key)) {
            throw new UnsupportedFeatureException(at.where(), "layer class '" + className + "' is not available in keras4j");
        }
        Map<String, Object> resolved = SerializationLib.resolveNested(config, at.where());
        try {
            return LayerProvider.fromConfig(key, resolved);
        } catch (UnsupportedFeatureException e) {
            throw e;
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedFeatureException(at.where(), e.getMessage());
        } catch (IllegalArgumentException | ClassCastException | NullPointerException | IllegalStateException e) {
            if (e instanceof IllegalArgumentException && String.valueOf(e.getMessage()).startsWith("Unknown ")) {
                throw new UnsupportedFeatureException(at.where(), e.getMessage());
            }
            throw new KerasFormatException(at.where() + ": bad " + className + " config: " + e.getMessage(), e);
        }
    }

    private static InputLayer inputLayer(Map<String, Object> config, Origin at) {
        Object shape = config.containsKey("batch_shape") ? config.get("batch_shape") : config.get("batch_input_shape");
        long[] batchShape = Shape.dims(shape, at, "batch_shape");
        String dtype = "float32"; // also for Keras 2.1's "float", its name for floatx
        if (config.get("dtype") instanceof String && !"float".equals(config.get("dtype"))) {
            dtype = (String) config.get("dtype");
        }
        String name = config.get("name") instanceof String ? (String) config.get("name") : null;
        try {
            return new InputLayer(batchShape, name, dtype);
        } catch (IllegalArgumentException e) {
            throw new KerasFormatException(at.where() + ": bad InputLayer config: " + e.getMessage(), e);
        }
    }

    private static Sequential sequential(Object rawConfig, Origin origin) {
        List<Object> entries;
        Map<String, Object> config = null;
        if (rawConfig instanceof List) {
            entries = Shape.list(rawConfig, origin, "Sequential layers");
        } else {
            config = Shape.map(rawConfig, origin, "Sequential config");
            entries = Shape.list(config.get("layers"), origin, "Sequential config 'layers'");
        }
        Sequential model = new Sequential();
        if (config != null && config.get("name") instanceof String) {
            model.name((String) config.get("name"));
        }
        long[] buildShape = config != null && config.get("build_input_shape") instanceof List
                ? Shape.dims(config.get("build_input_shape"), origin, "build_input_shape") : null;
        for (int i = 0; i < entries.size(); i++) {
            Layer layer = layer(Shape.map(entries.get(i), origin, "Sequential layer " + i), origin);
            if (i == 0 && !(layer instanceof InputLayer) && layer.declaredInputShape() == null && buildShape != null) {
                layer.inputShape(Arrays.copyOfRange(buildShape, 1, buildShape.length));
            }
            try {
                model.add(layer);
            } catch (IllegalArgumentException e) {
                throw new KerasFormatException(origin.where() + ": layer '" + layer.name() + "' does not fit the model: "
                        + e.getMessage(), e);
            }
        }
        if (config != null && Boolean.FALSE.equals(config.get("trainable"))) {
            model.trainable(false);
        }
        return model;
    }

    private static Model functional(Map<String, Object> config, Origin origin) {
        List<Object> entries = Shape.list(config.get("layers"), origin, "Functional config 'layers'");
        Map<String, Layer> layers = new LinkedHashMap<>();
        Map<String, List<Object>> pending = new LinkedHashMap<>();
        Map<String, List<List<KerasTensor>>> produced = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> entry = Shape.map(entries.get(i), origin, "Functional layer " + i);
            Layer layer = layer(entry, origin);
            String name = entry.get("name") instanceof String ? (String) entry.get("name") : layer.name();
            if (layers.containsKey(name)) {
                throw new KerasFormatException(origin.where(), "two layers are named '" + name + "'");
            }
            layers.put(name, layer);
            produced.put(name, new ArrayList<>());
            if (layer instanceof InputLayer) {
                produced.get(name).add(List.of(((InputLayer) layer).output()));
                pending.put(name, new ArrayList<>());
            } else {
                Object nodes = entry.get("inbound_nodes");
                pending.put(name, nodes == null ? new ArrayList<>() : new ArrayList<>(Shape.list(nodes, origin.at("layer '" + name + "'"), "inbound_nodes")));
            }
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Map.Entry<String, List<Object>> e : pending.entrySet()) {
                Origin at = origin.at("layer '" + e.getKey() + "'");
                while (!e.getValue().isEmpty()) {
                    List<KerasTensor> inputs = NodeData.inputs(e.getValue().get(0), produced, at);
                    if (inputs == null) {
                        break;
                    }
                    e.getValue().remove(0);
                    Layer layer = layers.get(e.getKey());
                    try {
                        produced.get(e.getKey()).add(layer.applyAll(inputs.toArray(new KerasTensor[0])));
                    } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException ex) {
                        throw new KerasFormatException(at.where() + ": cannot be called on its inputs: " + ex.getMessage(), ex);
                    }
                    progress = true;
                }
            }
        }
        for (Map.Entry<String, List<Object>> e : pending.entrySet()) {
            if (!e.getValue().isEmpty()) {
                throw new KerasFormatException(origin.where(), "layer '" + e.getKey() + "' has an inbound node whose inputs are never produced: "
                        + ModelConfig.jsonSafe(e.getValue().get(0)));
            }
        }
        List<KerasTensor> inputs = NodeData.endpoints(config.get("input_layers"), produced, origin, "input_layers");
        List<KerasTensor> outputs = NodeData.endpoints(config.get("output_layers"), produced, origin, "output_layers");
        Model model;
        try {
            boolean singleInput = NodeData.isSingle(config.get("input_layers"));
            if (singleInput && NodeData.isSingle(config.get("output_layers"))) {
                model = new Model(inputs.get(0), outputs.get(0));
            } else {
                model = singleInput ? new Model(inputs.get(0), outputs) : new Model(inputs, outputs);
            }
        } catch (IllegalArgumentException e) {
            throw new KerasFormatException(origin.where() + ": inputs and outputs do not form a graph: " + e.getMessage(), e);
        }
        if (config.get("name") instanceof String) {
            model.name((String) config.get("name"));
        }
        if (Boolean.FALSE.equals(config.get("trainable"))) {
            model.trainable(false);
        }
        return model;
    }
}
