package io.keras4j.saving;

import io.keras4j.activations.Activations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras 1 layer configs in Keras 2/3 terms, as keras/legacy/interfaces.py of Keras 2 converted them
 * ({@code output_dim} to {@code units}, {@code init} to {@code kernel_initializer}, {@code W_regularizer} to
 * {@code kernel_regularizer}, {@code p} to {@code rate}, {@code border_mode} to {@code padding},
 * {@code dim_ordering} "th"/"tf" to {@code data_format}, ...), plus the Keras 1 input keys
 * ({@code input_dtype}, {@code input_dim}). Keras 2 and 3 configs pass through unchanged. A file is treated as
 * Keras 1 when its {@code keras_version} says so or, without one, when it uses a Keras 1 key.
 */
final class LegacyConfigs {
    private static final Map<String, String> COMMON = Map.ofEntries(
            Map.entry("init", "kernel_initializer"),
            Map.entry("inner_init", "recurrent_initializer"),
            Map.entry("bias", "use_bias"),
            Map.entry("W_regularizer", "kernel_regularizer"),
            Map.entry("U_regularizer", "recurrent_regularizer"),
            Map.entry("b_regularizer", "bias_regularizer"),
            Map.entry("W_constraint", "kernel_constraint"),
            Map.entry("U_constraint", "recurrent_constraint"),
            Map.entry("b_constraint", "bias_constraint"),
            Map.entry("inner_activation", "recurrent_activation"),
            Map.entry("dropout_W", "dropout"),
            Map.entry("dropout_U", "recurrent_dropout"),
            Map.entry("nb_filter", "filters"),
            Map.entry("subsample", "strides"),
            Map.entry("subsample_length", "strides"),
            Map.entry("border_mode", "padding"),
            Map.entry("dim_ordering", "data_format"),
            Map.entry("atrous_rate", "dilation_rate"),
            Map.entry("pool_length", "pool_size"),
            Map.entry("stride", "strides"),
            Map.entry("beta_init", "beta_initializer"),
            Map.entry("gamma_init", "gamma_initializer"));
    private static final Set<String> KERAS1_KEYS = Set.of("output_dim", "init", "W_regularizer", "b_regularizer", "W_constraint",
            "input_dtype", "nb_filter", "border_mode", "dim_ordering", "inner_init", "subsample");
    private static final Set<String> UNITS_LAYERS = Set.of("Dense", "SimpleRNN", "LSTM", "GRU", "Highway", "MaxoutDense");
    private static final Set<String> RATE_LAYERS = Set.of("Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D",
            "GaussianDropout", "AlphaDropout");

    private static final Map<String, String> KERAS1_CLASSES = Map.of(
            "Convolution1D", "Conv1D",
            "Convolution2D", "Conv2D",
            "Convolution3D", "Conv3D",
            "AtrousConvolution1D", "Conv1D",
            "AtrousConvolution2D", "Conv2D",
            "Deconvolution2D", "Conv2DTranspose",
            "SeparableConvolution2D", "SeparableConv2D");

    private LegacyConfigs() {
    }

    /** The Keras 2/3 class name of a Keras 1 layer class ("Convolution2D" is "Conv2D"). */
    static String className(String className) {
        return KERAS1_CLASSES.getOrDefault(className, className);
    }

    /** The config in Keras 2/3 keys (a copy if anything changed). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> upgrade(String className, Map<String, Object> config, Origin origin) {
        boolean keras1 = origin.major() == 1 || origin.major() == 0 && (config.keySet().stream().anyMatch(KERAS1_KEYS::contains)
                || RATE_LAYERS.contains(className) && config.containsKey("p"));
        if (!keras1) {
            return config;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (key.equals("input_dtype")) {
                key = "dtype";
            } else if (key.equals("output_dim") && UNITS_LAYERS.contains(className)) {
                key = "units";
            } else if (key.equals("p") && RATE_LAYERS.contains(className)) {
                key = "rate";
            } else if (className.equals("Embedding") && key.equals("init")) {
                key = "embeddings_initializer";
            } else if (className.equals("Embedding") && key.startsWith("W_")) {
                key = "embeddings_" + key.substring(2);
            } else if (COMMON.containsKey(key)) {
                key = COMMON.get(key);
            }
            if ((key.endsWith("_regularizer") || key.endsWith("_constraint")) && value instanceof Map) {
                value = keras1Object((Map<String, Object>) value);
            }
            if (key.equals("data_format") && value instanceof String) {
                value = value.equals("th") ? "channels_first" : value.equals("tf") ? "channels_last" : value;
            }
            out.put(key, value);
        }
        if (out.containsKey("nb_row") && out.containsKey("nb_col")) {
            out.put("kernel_size", List.of(out.remove("nb_row"), out.remove("nb_col")));
        }
        if (out.containsKey("filter_length")) {
            out.put("kernel_size", List.of(out.remove("filter_length")));
        }
        if (!className.equals("Embedding") && out.get("input_dim") != null && out.get("batch_input_shape") == null) {
            List<Object> shape = new ArrayList<>();
            shape.add(null);
            shape.add(out.get("input_dim"));
            out.put("batch_input_shape", shape);
        }
        if (!className.equals("Embedding")) {
            out.remove("input_dim");
        }
        return out;
    }

    /**
     * The config with each {@code *activation} that its writer computed differently from Keras 3 replaced by the
     * function that writer computed: in files written by Keras 1 or 2 (any {@code keras_version} "1.x"/"2.x",
     * including tf.keras's "2.2.4-tf"), "hard_sigmoid" is {@code clip(0.2 x + 0.5, 0, 1)}
     * ({@link Activations#get(String, String)}). Other configs are returned unchanged.
     */
    static Map<String, Object> activations(Map<String, Object> config, Origin origin) {
        if (origin.major() != 1 && origin.major() != 2) {
            return config;
        }
        Map<String, Object> out = new LinkedHashMap<>(config);
        for (Map.Entry<String, Object> e : out.entrySet()) {
            if (e.getKey().endsWith("activation") && "hard_sigmoid".equals(e.getValue())) {
                e.setValue(Activations.get("hard_sigmoid", origin.kerasVersion()));
            }
        }
        return out;
    }

    /**
     * A Keras 2 loss (or list or dict of losses) with Keras 2's {@code reduction: "auto"} read as what it meant in
     * {@code compile}/{@code fit}, "sum_over_batch_size" (tf.keras 2.x keras/utils/losses_utils.py
     * {@code ReductionV2.AUTO}); Keras 3 has no "auto".
     */
    @SuppressWarnings("unchecked")
    static Object keras2Loss(Object loss) {
        if (loss instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<Object>) loss) {
                out.add(keras2Loss(o));
            }
            return out;
        }
        if (!(loss instanceof Map)) {
            return loss;
        }
        Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) loss);
        for (Map.Entry<String, Object> e : out.entrySet()) {
            if (e.getKey().equals("reduction") && "auto".equals(e.getValue())) {
                e.setValue("sum_over_batch_size");
            } else if (e.getValue() instanceof Map || e.getValue() instanceof List) {
                e.setValue(keras2Loss(e.getValue()));
            }
        }
        return out;
    }

    private static void rename(Map<String, Object> config, String from, String to) {
        if (config.containsKey(from)) {
            config.put(to, config.remove(from));
        }
    }

    /**
     * A Keras 1 regularizer or constraint ({@code {"name": "MaxNorm", "m": 2.0, "axis": 0}},
     * {@code {"name": "WeightRegularizer", "l1": 0.0, "l2": 0.01}}, {@code {"name": "MinMaxNorm", "low": 0.0, "high": 1.0}})
     * in the Keras 2 form.
     */
    private static Object keras1Object(Map<String, Object> value) {
        if (value.containsKey("class_name") || !(value.get("name") instanceof String)) {
            return value;
        }
        String name = (String) value.get("name");
        Map<String, Object> config = new LinkedHashMap<>(value);
        config.remove("name");
        if (name.equals("WeightRegularizer")) {
            name = "L1L2";
        } else if (name.equals("MaxNorm") && config.containsKey("m")) {
            config.put("max_value", config.remove("m"));
        } else if (name.equals("MinMaxNorm")) {
            rename(config, "low", "min_value");
            rename(config, "high", "max_value");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", name);
        out.put("config", config);
        return out;
    }
}
