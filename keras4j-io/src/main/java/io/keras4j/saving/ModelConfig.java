package io.keras4j.saving;

import io.keras4j.backend.Backend;
import io.keras4j.engine.InputLayer;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Node;
import io.keras4j.models.CompileOptions;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Optimizer;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's saved config in Keras 3's form, as keras/src/saving/serialization_lib.py
 * {@code serialize_keras_object(model)}: {@code Sequential.get_config} (keras/src/models/sequential.py) and
 * {@code Functional.get_config} (keras/src/models/functional.py, {@code inbound_nodes} as
 * {@code {"args": [...], "kwargs": {}}}), each layer with its {@code build_config}, and the model's
 * {@code compile_config}.
 */
final class ModelConfig {
    /**
     * Layer classes that Keras builds in {@code __init__} ({@code self._build_at_init()} in Keras 3.16): they are
     * never built from an input shape, so their saved entries carry no {@code build_config}.
     */
    private static final Set<String> BUILT_AT_INIT = Set.of("Activation", "ELU", "LeakyReLU", "ReLU", "Softmax", "Identity",
            "Masking", "UnitNormalization", "ActivityRegularization", "Reshape", "Dropout", "AlphaDropout", "GaussianDropout", "GaussianNoise",
            "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "MaxPooling1D", "MaxPooling2D", "MaxPooling3D",
            "AveragePooling1D", "AveragePooling2D", "AveragePooling3D", "GlobalMaxPooling1D", "GlobalMaxPooling2D",
            "GlobalMaxPooling3D", "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D");

    /**
     * Layer classes whose {@code call} has a {@code training} argument with a concrete default: Keras records that
     * default in the {@code kwargs} of every functional node ({@code False} for the dropout and noise layers and
     * the recurrent layers, {@code True} for the random image preprocessing layers).
     */
    private static final Map<String, Boolean> CALL_TRAINING_DEFAULT = Map.ofEntries(
            Map.entry("Dropout", false), Map.entry("AlphaDropout", false), Map.entry("GaussianDropout", false),
            Map.entry("GaussianNoise", false), Map.entry("SpatialDropout1D", false), Map.entry("SpatialDropout2D", false),
            Map.entry("SpatialDropout3D", false), Map.entry("SpectralNormalization", false), Map.entry("SimpleRNN", false),
            Map.entry("LSTM", false), Map.entry("GRU", false), Map.entry("ConvLSTM1D", false), Map.entry("ConvLSTM2D", false),
            Map.entry("ConvLSTM3D", false), Map.entry("RandomFlip", true), Map.entry("RandomRotation", true),
            Map.entry("RandomZoom", true), Map.entry("RandomTranslation", true), Map.entry("RandomContrast", true),
            Map.entry("RandomBrightness", true), Map.entry("RandomCrop", true));

    /**
     * Layer classes whose {@code call} has a {@code mask} argument: with no mask flowing in, Keras records
     * {@code "mask": null} in the {@code kwargs} of every functional node (after {@code training}, if any).
     */
    private static final Set<String> CALL_HAS_MASK = Set.of("BatchNormalization", "Softmax", "GlobalAveragePooling1D",
            "SimpleRNN", "LSTM", "GRU", "TimeDistributed");

    private ModelConfig() {
    }

    /** The whole model entry, as written by {@code model.to_json()} and in {@code config.json}. */
    static Map<String, Object> modelEntry(Model model) {
        Map<String, Object> entry = modelEntryWithoutCompile(model);
        entry.put("compile_config", compileConfig(model));
        return entry;
    }

    private static Map<String, Object> modelEntryWithoutCompile(Model model) {
        Map<String, Object> entry = new LinkedHashMap<>();
        if (model instanceof Sequential) {
            Sequential seq = (Sequential) model;
            entry.put("module", "keras");
            entry.put("class_name", "Sequential");
            entry.put("config", sequentialConfig(seq));
            entry.put("registered_name", null);
            if (seq.isGraphBuilt()) {
                entry.put("build_config", Map.of("input_shape", SerializationLib.serialize(seq.inputLayer().batchShape())));
            }
        } else {
            entry.put("module", "keras.src.models.functional");
            entry.put("class_name", "Functional");
            entry.put("config", functionalConfig(model));
            entry.put("registered_name", "Functional");
            Map<String, Object> build = new LinkedHashMap<>();
            build.put("input_shape", null);
            entry.put("build_config", build);
        }
        return entry;
    }

    private static Map<String, Object> sequentialConfig(Sequential model) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", model.name());
        config.put("trainable", model.trainable());
        config.put("dtype", dtypePolicy(Backend.dtypeName(model.dtype())));
        List<Object> layers = new ArrayList<>();
        if (model.inputLayer() != null) {
            layers.add(layerEntry(model.inputLayer()));
        }
        for (Layer layer : model.layers()) {
            layers.add(layerEntry(layer));
        }
        config.put("layers", layers);
        if (model.isGraphBuilt()) {
            config.put("build_input_shape", SerializationLib.serialize(model.inputLayer().batchShape()));
        }
        return config;
    }

    private static Map<String, Object> functionalConfig(Model model) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", model.name());
        config.put("trainable", model.trainable());
        Set<Node> own = graphNodes(model);
        List<Object> layers = new ArrayList<>();
        for (Layer layer : model.layers()) {
            Map<String, Object> entry = layerEntry(layer);
            entry.put("name", layer.name());
            List<Object> nodes = new ArrayList<>();
            for (Node node : ownNodes(layer, own)) {
                if (node.isInput()) {
                    continue;
                }
                Map<String, Object> data = new LinkedHashMap<>();
                List<Object> tensors = new ArrayList<>();
                for (KerasTensor t : node.inputs()) {
                    tensors.add(tensorConfig(t, own));
                }
                data.put("args", tensors.size() == 1 ? tensors : List.of(tensors));
                Map<String, Object> kwargs = new LinkedHashMap<>();
                if (CALL_TRAINING_DEFAULT.containsKey(layer.className())) {
                    kwargs.put("training", CALL_TRAINING_DEFAULT.get(layer.className()));
                }
                if (CALL_HAS_MASK.contains(layer.className())) {
                    kwargs.put("mask", null);
                }
                data.put("kwargs", kwargs);
                nodes.add(data);
            }
            entry.put("inbound_nodes", nodes);
            layers.add(entry);
        }
        config.put("layers", layers);
        config.put("input_layers", historyList(model.inputs(), model.singleInput(), own));
        config.put("output_layers", historyList(model.outputs(), model.singleOutput(), own));
        return config;
    }

    private static Set<Node> graphNodes(Model model) {
        Set<Node> nodes = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<KerasTensor> frontier = new ArrayList<>(model.outputs());
        while (!frontier.isEmpty()) {
            KerasTensor t = frontier.remove(frontier.size() - 1);
            if (nodes.add(t.node()) && !model.inputs().contains(t)) {
                frontier.addAll(t.node().inputs());
            }
        }
        return nodes;
    }

    private static List<Node> ownNodes(Layer layer, Set<Node> own) {
        List<Node> out = new ArrayList<>();
        if (layer instanceof InputLayer) {
            out.add(((InputLayer) layer).output().node());
            return out;
        }
        for (Node node : layer.inboundNodes()) {
            if (own.contains(node)) {
                out.add(node);
            }
        }
        return out;
    }

    private static List<Object> history(KerasTensor t, Set<Node> own) {
        Layer layer = t.node().layer();
        int nodeIndex = ownNodes(layer, own).indexOf(t.node());
        return List.of(layer.name(), Math.max(nodeIndex, 0), t.index());
    }

    /**
     * The {@code keras_history} of each tensor; a model built from one tensor rather than a list writes it unnested
     * ({@code ["input_layer", 0, 0]}), as Keras does for {@code keras.Model(x, y)}.
     */
    private static Object historyList(List<KerasTensor> tensors, boolean single, Set<Node> own) {
        if (single) {
            return history(tensors.get(0), own);
        }
        List<Object> out = new ArrayList<>();
        for (KerasTensor t : tensors) {
            out.add(history(t, own));
        }
        return out;
    }

    private static Map<String, Object> tensorConfig(KerasTensor t, Set<Node> own) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("shape", SerializationLib.serialize(t.shape()));
        config.put("dtype", Backend.dtypeName(t.dtype()));
        config.put("keras_history", history(t, own));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", "__keras_tensor__");
        out.put("config", config);
        return out;
    }

    /** One layer's entry: module, class_name, config, registered_name and (once built) build_config. */
    static Map<String, Object> layerEntry(Layer layer) {
        if (layer instanceof Model) {
            return modelEntryWithoutCompile((Model) layer);
        }
        String registered = SerializationLib.registeredNameOf("layer", layer.className());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("module", registered == null ? "keras.layers" : "keras4j.custom");
        entry.put("class_name", layer.className());
        entry.put("config", layerConfig(layer));
        entry.put("registered_name", registered);
        if (!(layer instanceof InputLayer) && !BUILT_AT_INIT.contains(layer.className()) && !layer.inboundNodes().isEmpty()) {
            List<KerasTensor> inputs = layer.inboundNodes().get(0).inputs();
            Object shape;
            if (inputs.size() == 1) {
                shape = SerializationLib.serialize(inputs.get(0).shape());
            } else {
                List<Object> shapes = new ArrayList<>();
                for (KerasTensor t : inputs) {
                    shapes.add(SerializationLib.serialize(t.shape()));
                }
                shape = shapes;
            }
            Map<String, Object> build = new LinkedHashMap<>();
            build.put("input_shape", shape);
            entry.put("build_config", build);
        }
        return entry;
    }

    /** {@code layer.getConfig()} in its saved form: nested objects serialized, dtype as a DTypePolicy. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> layerConfig(Layer layer) {
        Map<String, Object> config = (Map<String, Object>) SerializationLib.serialize(layer.getConfig());
        for (Map.Entry<String, Object> e : config.entrySet()) {
            if (e.getKey().endsWith("activation") && e.getValue() instanceof String) {
                e.setValue(SerializationLib.activation((String) e.getValue()));
            }
        }
        if (!(layer instanceof InputLayer) && config.get("dtype") instanceof String) {
            config.put("dtype", dtypePolicy((String) config.get("dtype")));
        }
        return config;
    }

    static Map<String, Object> dtypePolicy(String dtype) {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("module", "keras");
        policy.put("class_name", "DTypePolicy");
        policy.put("config", new LinkedHashMap<>(Map.of("name", dtype)));
        policy.put("registered_name", null);
        return policy;
    }

    /** {@code model.get_compile_config()}: empty for a model that was not compiled. */
    static Map<String, Object> compileConfig(Model model) {
        Map<String, Object> config = new LinkedHashMap<>();
        CompileOptions options = model.compileOptions();
        if (options == null) {
            return config;
        }
        config.put("optimizer", optimizer((Optimizer) options.getOptimizer()));
        List<Object> losses = new ArrayList<>();
        for (Object loss : options.getLosses()) {
            losses.add(SerializationLib.serialize(loss));
        }
        config.put("loss", losses.size() == 1 ? losses.get(0) : losses);
        config.put("loss_weights", options.getLossWeights() == null ? null : new ArrayList<>(options.getLossWeights()));
        List<Object> metrics = new ArrayList<>();
        for (Object metric : options.getMetrics()) {
            metrics.add(SerializationLib.serialize(metric));
        }
        config.put("metrics", metrics.isEmpty() ? null : metrics);
        config.put("weighted_metrics", null);
        config.put("run_eagerly", false);
        config.put("steps_per_execution", 1);
        config.put("jit_compile", false);
        return config;
    }

    /** The optimizer's entry; its learning rate as Keras's float32 variable holds it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> optimizer(Optimizer optimizer) {
        Map<String, Object> entry = (Map<String, Object>) SerializationLib.serialize(optimizer);
        Map<String, Object> config = (Map<String, Object>) entry.get("config");
        if (config.get("learning_rate") instanceof Double) {
            config.put("learning_rate", (double) (float) (double) (Double) config.get("learning_rate"));
        }
        return entry;
    }

    /** A value cut to a short JSON-safe form for error messages. */
    static Object jsonSafe(Object value) {
        String s;
        try {
            s = JsonText.write(value);
        } catch (IllegalArgumentException e) {
            s = String.valueOf(value);
        }
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
