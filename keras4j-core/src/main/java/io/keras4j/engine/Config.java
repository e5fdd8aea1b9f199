package io.keras4j.engine;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.constraints.Constraint;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.regularizers.Regularizer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads from a layer config map, as the {@code from_config} side of Keras's {@code get_config}. Values
 * may be Java objects (from {@code getConfig()}) or their Keras JSON forms (numbers, strings, lists,
 * {@code {"class_name": ..., "config": ...}} maps). Every read names the layer class and the key on error.
 */
public final class Config {
    private final String owner;
    private final Map<String, Object> map;

    /**
     * @param owner the Keras class name, for messages ("Dense")
     * @param map   the config
     */
    public Config(String owner, Map<String, Object> map) {
        this.owner = owner;
        this.map = map;
    }

    /** Rejects keys outside {@code known} (plus the base layer keys, Keras's Layer keywords), naming them. */
    public Config allow(String... known) {
        Set<String> allowed = new TreeSet<>(List.of("name", "trainable", "dtype", "batch_input_shape", "batch_shape",
                "input_shape", "input_dim", "input_length", "activity_regularizer"));
        allowed.addAll(List.of(known));
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(owner + ": unknown config key '" + key + "'; expected one of " + allowed);
            }
        }
        return this;
    }

    public boolean has(String key) {
        return map.get(key) != null;
    }

    public Object raw(String key) {
        return map.get(key);
    }

    private Object require(String key) {
        Object v = map.get(key);
        if (v == null) {
            throw new IllegalArgumentException(owner + ": config key '" + key + "' is required");
        }
        return v;
    }

    public int getInt(String key) {
        return number(key, require(key)).intValue();
    }

    public int getInt(String key, int defaultValue) {
        return has(key) ? number(key, map.get(key)).intValue() : defaultValue;
    }

    public double getDouble(String key, double defaultValue) {
        return has(key) ? number(key, map.get(key)).doubleValue() : defaultValue;
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        Object v = map.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Boolean)) {
            throw new IllegalArgumentException(owner + ": config key '" + key + "' must be a boolean, got " + v);
        }
        return (Boolean) v;
    }

    public String getString(String key, String defaultValue) {
        Object v = map.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof String)) {
            throw new IllegalArgumentException(owner + ": config key '" + key + "' must be a string, got " + v);
        }
        return (String) v;
    }

    /** An int list (a shape, a kernel size); a single number counts as a list of one. */
    public long[] getLongs(String key) {
        Object v = require(key);
        if (v instanceof Number) {
            return new long[]{((Number) v).longValue()};
        }
        if (v instanceof long[]) {
            return ((long[]) v).clone();
        }
        if (v instanceof int[]) {
            return java.util.Arrays.stream((int[]) v).asLongStream().toArray();
        }
        if (v instanceof List) {
            List<?> list = (List<?>) v;
            long[] out = new long[list.size()];
            for (int i = 0; i < out.length; i++) {
                Object e = list.get(i);
                out[i] = e == null ? -1 : number(key, e).longValue();
            }
            return out;
        }
        throw new IllegalArgumentException(owner + ": config key '" + key + "' must be a list of integers, got " + v);
    }

    private Number number(String key, Object v) {
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException(owner + ": config key '" + key + "' must be a number, got " + v);
        }
        return (Number) v;
    }

    /** An activation given as an identifier, a serialized map, or a function object. */
    public ActivationFunction activation(String key) {
        Object v = map.get(key);
        if (v == null || v instanceof String) {
            return Activations.get((String) v);
        }
        if (v instanceof ActivationFunction) {
            return (ActivationFunction) v;
        }
        if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            Object config = m.get("config");
            Object name = m.get("class_name");
            if (config instanceof String) {
                return Activations.get((String) config);
            }
            if (name instanceof String) {
                return Activations.get((String) name);
            }
        }
        throw new IllegalArgumentException(owner + ": config key '" + key + "' is not an activation: " + v);
    }

    /** An initializer given as an identifier, a {@code {"class_name", "config"}} map, or an object. */
    @SuppressWarnings("unchecked")
    public Initializer initializer(String key, String defaultValue) {
        Object v = map.get(key);
        if (v == null) {
            return Initializers.get(defaultValue);
        }
        if (v instanceof Initializer) {
            return (Initializer) v;
        }
        if (v instanceof String) {
            return Initializers.get((String) v);
        }
        if (v instanceof Map) {
            Map<String, Object> m = (Map<String, Object>) v;
            Object config = m.getOrDefault("config", Map.of());
            return Initializers.get((String) m.get("class_name"), config instanceof Map ? (Map<String, Object>) config : Map.of());
        }
        throw new IllegalArgumentException(owner + ": config key '" + key + "' is not an initializer: " + v);
    }

    /** A regularizer object, or null (serialized forms are resolved by keras4j-io). */
    public Regularizer regularizer(String key) {
        Object v = map.get(key);
        if (v == null || v instanceof Regularizer) {
            return (Regularizer) v;
        }
        throw new IllegalArgumentException(owner + ": config key '" + key + "' is not a regularizer: " + v);
    }

    /** A constraint object, or null (serialized forms are resolved by keras4j-io). */
    public Constraint constraint(String key) {
        Object v = map.get(key);
        if (v == null || v instanceof Constraint) {
            return (Constraint) v;
        }
        throw new IllegalArgumentException(owner + ": config key '" + key + "' is not a constraint: " + v);
    }

    /** Applies the base layer keys (name, trainable, dtype, input shape) to a new layer. */
    public <L extends Layer> L applyBase(L layer) {
        if (map.get("name") instanceof String) {
            layer.name((String) map.get("name"));
        }
        layer.trainable(getBoolean("trainable", true));
        Object dtype = map.get("dtype");
        if (dtype instanceof String) {
            layer.dtype((String) dtype);
        } else if (dtype instanceof Map && ((Map<?, ?>) dtype).get("config") instanceof Map) {
            Object name = ((Map<?, ?>) ((Map<?, ?>) dtype).get("config")).get("name");
            if (name instanceof String) {
                layer.dtype((String) name);
            }
        }
        if (has("activity_regularizer")) {
            layer.activityRegularizer(regularizer("activity_regularizer"));
        }
        for (String key : List.of("batch_shape", "batch_input_shape")) {
            if (has(key)) {
                long[] shape = getLongs(key);
                layer.inputShape(java.util.Arrays.copyOfRange(shape, 1, shape.length));
            }
        }
        return layer;
    }
}
