package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.engine.Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading recurrent layer configs written by any Keras: Keras 3 keys as they are; Keras 2 extras
 * ({@code implementation}, {@code time_major}) accepted; Keras 1 keys ({@code output_dim},
 * {@code inner_activation}, {@code init}, {@code inner_init}, {@code forget_bias_init}, {@code W_regularizer},
 * {@code U_regularizer}, {@code b_regularizer}, {@code dropout_W}, {@code dropout_U}, {@code consume_less})
 * renamed. A config with Keras 1/2 keys is "legacy": its {@code hard_sigmoid} is the old
 * {@code clip(0.2 x + 0.5, 0, 1)} (see shared/keras/README.md).
 */
final class RnnConfigs {
    /** Keras 1 key -> Keras 3 key. */
    private static final Map<String, String> KERAS1 = Map.of(
            "output_dim", "units", "inner_activation", "recurrent_activation", "init", "kernel_initializer",
            "inner_init", "recurrent_initializer", "W_regularizer", "kernel_regularizer",
            "U_regularizer", "recurrent_regularizer", "b_regularizer", "bias_regularizer",
            "dropout_W", "dropout", "dropout_U", "recurrent_dropout");

    private RnnConfigs() {
    }

    /** Whether the config was written by Keras 1 or 2 (it has keys Keras 3 never writes for recurrent layers). */
    static boolean isLegacy(Map<String, Object> map) {
        return map.containsKey("implementation") || map.containsKey("time_major") || map.containsKey("output_dim")
                || map.containsKey("inner_activation") || map.containsKey("consume_less");
    }

    /** The config with Keras 1 keys renamed to Keras 3 keys and dropped Keras 1/2-only keys removed. */
    static Map<String, Object> normalize(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String key = e.getKey();
            switch (key) {
                case "implementation":
                case "time_major":
                case "consume_less":
                case "input_dtype":
                    break;
                case "forget_bias_init":
                    out.put("unit_forget_bias", "one".equals(e.getValue()));
                    break;
                default:
                    out.put(KERAS1.getOrDefault(key, key), e.getValue());
            }
        }
        return out;
    }

    static ActivationFunction activation(Config c, String key, String defaultName, boolean legacy) {
        Object raw = c.raw(key);
        if (raw == null && !c.has(key)) {
            return RnnMath.activation(defaultName, legacy);
        }
        if (raw instanceof String) {
            return RnnMath.activation((String) raw, legacy);
        }
        return c.activation(key);
    }

    /** An initializer value kept as written (identifier, serialized map or object), resolved when the layer builds. */
    static Object initializer(Config c, String key, String defaultName) {
        Object raw = c.raw(key);
        return raw == null ? defaultName : raw;
    }
}
