package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wrapped layers in configs and calls (TimeDistributed, Bidirectional, RNN's cell), as Keras's {@code serialize_keras_object}. */
final class NestedLayers {
    private NestedLayers() {
    }

    /**
     * {@code {"module", "class_name", "config", "registered_name"}} of a layer; a user layer registered as
     * {@code "package>Name"} (keras4j-io's {@code SerializationLib.registerSerializable}) carries that registered name,
     * as Keras's {@code serialize_keras_object} writes it, so that Keras with the same registration loads it.
     */
    static Map<String, Object> serialize(Layer layer) {
        String registered = registeredName(layer.className());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", registered == null ? "keras.layers" : "keras4j.custom");
        out.put("class_name", layer.className());
        out.put("config", layer.getConfig());
        out.put("registered_name", registered);
        return out;
    }

    private static String registeredName(String className) {
        String suffix = ">" + className;
        for (String name : LayerProvider.names()) {
            if (name.endsWith(suffix)) {
                return name;
            }
        }
        return null;
    }

    /** A layer from its serialized form; {@code rename} replaces the config's name when not null. */
    @SuppressWarnings("unchecked")
    static Layer deserialize(String owner, String key, Object value, String rename) {
        if (!(value instanceof Map) || !(((Map<?, ?>) value).get("class_name") instanceof String)
                || !(((Map<?, ?>) value).get("config") instanceof Map)) {
            throw new IllegalArgumentException(owner + ": config key '" + key + "' must be a serialized layer {\"class_name\", \"config\"}, got " + value);
        }
        Map<String, Object> map = (Map<String, Object>) value;
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) map.get("config"));
        if (rename != null) {
            config.put("name", rename);
        }
        return LayerProvider.fromConfig((String) map.get("class_name"), config);
    }

    /** A fresh context of {@code ctx} for a wrapped layer, begun with the same training flag and the given mask. */
    static CallContext child(CallContext ctx, String key, int inputs, org.nd4j.linalg.api.ndarray.INDArray mask) {
        CallContext child = ctx.computeIfAbsent(key, CallContext::new);
        boolean[] needs = new boolean[inputs];
        for (int i = 0; i < inputs; i++) {
            needs[i] = ctx.needsInputGradient(i);
        }
        child.begin(ctx.training(), needs);
        child.setInputMasks(mask);
        return child;
    }
}
