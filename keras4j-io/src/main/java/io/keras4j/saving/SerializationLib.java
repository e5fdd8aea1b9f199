package io.keras4j.saving;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.constraints.Constraint;
import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.initializers.Initializer;
import io.keras4j.losses.Loss;
import io.keras4j.metrics.Metric;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.regularizers.Regularizer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keras objects to and from their saved form, as keras/src/saving/serialization_lib.py
 * ({@code serialize_keras_object}, {@code deserialize_keras_object}) and
 * keras/src/saving/object_registration.py ({@code register_keras_serializable}).
 *
 * <p>Built-in objects are saved as {@code {"module": "keras.initializers", "class_name": "GlorotUniform",
 * "config": {...}, "registered_name": null}}; user-defined ones registered here carry
 * {@code "registered_name": "package>Name"}, which both keras4j and Keras (with the same registration) resolve:
 * <pre>{@code
 * SerializationLib.registerSerializable("my_package", "MyLayer", MyLayer::fromConfig);
 * SerializationLib.registerSerializable("my_package", "swish2", () -> new Swish2());
 * }</pre>
 */
public final class SerializationLib {
    private static final Map<String, String> REGISTERED_NAMES = new ConcurrentHashMap<>();
    private static final Map<String, Function<Map<String, Object>, Loss>> CUSTOM_LOSSES = new ConcurrentHashMap<>();

    private SerializationLib() {
    }

    /**
     * Registers a user-defined layer, as {@code @keras.saving.register_keras_serializable(package)}: its
     * configs are saved with {@code registered_name "package>name"} and rebuilt with {@code fromConfig}.
     *
     * @param packageName the Keras package ("Custom" by default in Keras)
     * @param name        the class name the layer reports in {@code className()}
     * @param fromConfig  builds the layer from its {@code getConfig()} map
     */
    public static void registerSerializable(String packageName, String name, Function<Map<String, Object>, Layer> fromConfig) {
        String registered = registeredName(packageName, name);
        LayerProvider.register(name, fromConfig);
        LayerProvider.register(registered, fromConfig);
        REGISTERED_NAMES.put("layer:" + name, registered);
    }

    /** Registers a user-defined activation function under {@code name} (the value its {@code name()} returns). */
    public static void registerSerializable(String packageName, String name, Supplier<ActivationFunction> activation) {
        String registered = registeredName(packageName, name);
        Activations.register(name, activation);
        Activations.register(registered, activation);
        REGISTERED_NAMES.put("activation:" + name, registered);
    }

    /** Registers a user-defined loss class (its {@code getClass().getSimpleName()} is {@code name}). */
    public static void registerSerializableLoss(String packageName, String name, Function<Map<String, Object>, Loss> fromConfig) {
        String registered = registeredName(packageName, name);
        CUSTOM_LOSSES.put(name, fromConfig);
        CUSTOM_LOSSES.put(registered, fromConfig);
        REGISTERED_NAMES.put("loss:" + name, registered);
    }

    private static String registeredName(String packageName, String name) {
        if (packageName == null || packageName.isEmpty() || name == null || name.isEmpty()) {
            throw new IllegalArgumentException("registerSerializable: `package` and `name` must be non-empty, got package="
                    + packageName + ", name=" + name);
        }
        return packageName + ">" + name;
    }

    /** The registered name of a user-defined object of the given kind, or null for a built-in one. */
    static String registeredNameOf(String kind, String name) {
        return REGISTERED_NAMES.get(kind + ":" + name);
    }

    // ---- serialize -------------------------------------------------------------------------

    /**
     * A config value in its saved form: Java objects (initializers, regularizers, constraints, activations,
     * losses, optimizers, metrics, nested layers) become Keras's nested dicts, arrays become lists.
     */
    static Object serialize(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                out.put(String.valueOf(e.getKey()), serialize(e.getValue()));
            }
            return out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object e : (List<?>) value) {
                out.add(serialize(e));
            }
            return out;
        }
        if (value instanceof long[]) {
            List<Object> out = new ArrayList<>();
            for (long v : (long[]) value) {
                out.add(v < 0 ? null : v);
            }
            return out;
        }
        if (value instanceof int[]) {
            List<Object> out = new ArrayList<>();
            for (int v : (int[]) value) {
                out.add(v);
            }
            return out;
        }
        if (value instanceof double[]) {
            List<Object> out = new ArrayList<>();
            for (double v : (double[]) value) {
                out.add(v);
            }
            return out;
        }
        if (value instanceof Initializer) {
            Initializer i = (Initializer) value;
            return object("keras.initializers", i.className(), i.getConfig(), null);
        }
        if (value instanceof ActivationFunction) {
            return activation(((ActivationFunction) value).name());
        }
        if (value instanceof Regularizer) {
            return object("keras.regularizers", value.getClass().getSimpleName(), ((Regularizer) value).getConfig(), null);
        }
        if (value instanceof Constraint) {
            return object("keras.constraints", value.getClass().getSimpleName(), ((Constraint) value).getConfig(), null);
        }
        if (value instanceof Loss) {
            String name = value.getClass().getSimpleName();
            return object("keras.losses", name, ((Loss) value).getConfig(), registeredNameOf("loss", name));
        }
        if (value instanceof Optimizer) {
            return object("keras.optimizers", value.getClass().getSimpleName(), ((Optimizer) value).getConfig(), null);
        }
        if (value instanceof Metric) {
            return object("keras.metrics", value.getClass().getSimpleName(), ((Metric) value).getConfig(), null);
        }
        if (value instanceof Layer) {
            return ModelConfig.layerEntry((Layer) value);
        }
        throw new IllegalArgumentException("Cannot save a config value of type " + value.getClass().getName() + ": " + value);
    }

    /** An activation identifier in its saved form: the string, or the registered-function dict for a user one. */
    static Object activation(String name) {
        String registered = registeredNameOf("activation", name);
        if (registered == null) {
            return name;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", "builtins");
        out.put("class_name", "function");
        out.put("config", registered);
        out.put("registered_name", registered);
        return out;
    }

    /** Keras's nested object form. */
    static Map<String, Object> object(String module, String className, Map<String, Object> config, String registeredName) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", registeredName == null ? module : "keras4j.custom");
        out.put("class_name", className);
        out.put("config", serialize(config));
        out.put("registered_name", registeredName);
        return out;
    }

    // ---- deserialize -----------------------------------------------------------------------

    /**
     * Resolves the nested forms in a layer config that {@code Config} does not read itself: regularizers
     * ({@code *_regularizer}) and constraints ({@code *_constraint}), through the registries
     * {@code io.keras4j.regularizers.Regularizers.get(name, config)} and
     * {@code io.keras4j.constraints.Constraints.get(name, config)}.
     *
     * @param where names the layer for messages
     */
    static Map<String, Object> resolveNested(Map<String, Object> config, String where) {
        Map<String, Object> out = new LinkedHashMap<>(config);
        for (Map.Entry<String, Object> e : config.entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            if (e.getKey().endsWith("_regularizer")) {
                out.put(e.getKey(), fromRegistry("io.keras4j.regularizers.Regularizers", "regularizer", v, where + "." + e.getKey()));
            } else if (e.getKey().endsWith("_constraint")) {
                out.put(e.getKey(), fromRegistry("io.keras4j.constraints.Constraints", "constraint", v, where + "." + e.getKey()));
            }
        }
        return out;
    }

    /** An object from a keras4j registry class with static {@code get(String)} and {@code get(String, Map)}. */
    @SuppressWarnings("unchecked")
    static Object fromRegistry(String registryClass, String kind, Object saved, String where) {
        String name;
        Map<String, Object> config;
        if (saved instanceof String) {
            name = (String) saved;
            config = Map.of();
        } else if (saved instanceof Map && ((Map<?, ?>) saved).get("class_name") instanceof String) {
            Map<String, Object> m = (Map<String, Object>) saved;
            name = m.get("registered_name") instanceof String ? (String) m.get("registered_name") : (String) m.get("class_name");
            Object c = m.get("config");
            config = c instanceof Map ? (Map<String, Object>) c : Map.of();
        } else {
            throw new KerasFormatException(where, "expected a " + kind + " identifier or {\"class_name\": ..., \"config\": ...}, got "
                    + ModelConfig.jsonSafe(saved));
        }
        Method get;
        boolean withConfig = true;
        try {
            get = Class.forName(registryClass).getMethod("get", String.class, Map.class);
        } catch (ReflectiveOperationException e) {
            try {
                get = Class.forName(registryClass).getMethod("get", String.class);
                withConfig = false;
            } catch (ReflectiveOperationException e2) {
                throw new UnsupportedFeatureException(where, kind + " '" + name + "' needs " + registryClass
                        + ".get(String, Map), which this keras4j build does not have");
            }
        }
        try {
            return withConfig ? get.invoke(null, name, config) : get.invoke(null, name);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnsupportedOperationException
                    || cause instanceof IllegalArgumentException && String.valueOf(cause.getMessage()).startsWith("Unknown")) {
                throw new UnsupportedFeatureException(where, cause.getMessage());
            }
            throw new KerasFormatException(where + ": " + kind + " '" + name + "' has a bad config: " + cause.getMessage(), cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A loss from its saved form (identifier or dict), consulting user-registered losses first. */
    @SuppressWarnings("unchecked")
    static Object loss(Object saved, String where) {
        if (saved == null || saved instanceof String && !CUSTOM_LOSSES.containsKey(saved)) {
            return saved;
        }
        if (saved instanceof String) {
            return CUSTOM_LOSSES.get(saved).apply(Map.of());
        }
        if (saved instanceof Map) {
            Map<String, Object> m = (Map<String, Object>) saved;
            Object reg = m.get("registered_name");
            Object cls = m.get("class_name");
            Object c = m.get("config");
            Map<String, Object> config = c instanceof Map ? (Map<String, Object>) c : Map.of();
            for (Object key : new Object[]{reg, cls}) {
                if (key instanceof String && CUSTOM_LOSSES.containsKey(key)) {
                    return CUSTOM_LOSSES.get(key).apply(config);
                }
            }
            return fromRegistry("io.keras4j.losses.Losses", "loss", saved, where);
        }
        if (saved instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<?>) saved) {
                out.add(loss(o, where));
            }
            return out;
        }
        throw new KerasFormatException(where, "expected a loss identifier or dict, got " + saved);
    }
}
