package io.keras4j.activations;

import io.keras4j.engine.Registry;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The activation functions by Keras identifier, as keras/src/activations/__init__.py {@code get}:
 * {@code Activations.get("relu")}, with the names of {@code ALL_OBJECTS_DICT} ("swish" and "hard_swish" are
 * aliases of "silu" and "hard_silu", whose {@link ActivationFunction#name()} they return). {@code null} gives
 * "linear". Parameterized functions take Keras's arguments through {@link #get(String, Map)} or the factories
 * ({@link #relu(double, Double, double)}, {@link #gelu(boolean)}, ...); a bare name gives Keras's defaults.
 *
 * <p>Keras 1/2 files: {@link #get(String, String)} resolves an identifier as the Keras version that wrote the
 * file computed it. The only changed definition is "hard_sigmoid": {@code clip(0.2 * x + 0.5, 0, 1)} before
 * Keras 3, {@code relu6(x + 3) / 6} from Keras 3 on.
 */
public final class Activations {
    private static final Registry<ActivationFunction> REGISTRY = new Registry<ActivationFunction>("activation")
            .register(c -> relu(number(c, "negative_slope", 0.0), c.get("max_value") == null ? null : number(c, "max_value", 0),
                    number(c, "threshold", 0.0)), "relu")
            .register(c -> new Relu("relu6", 0.0, 6.0, 0.0), "relu6")
            .register(c -> new LeakyRelu(number(c, "negative_slope", 0.2)), "leaky_relu")
            .register(c -> new Elu("elu", number(c, "alpha", 1.0), 1.0), "elu")
            .register(c -> new Elu("selu", Elu.SELU_ALPHA, Elu.SELU_SCALE), "selu")
            .register(c -> new Celu(number(c, "alpha", 1.0)), "celu")
            .register(c -> gelu(Boolean.TRUE.equals(c.get("approximate"))), "gelu")
            .register(c -> new Glu((int) number(c, "axis", -1)), "glu")
            .register(c -> new Sigmoid(), "sigmoid")
            .register(c -> new HardSigmoid("hard_sigmoid", 1.0 / 6), "hard_sigmoid")
            .register(c -> new HardSigmoid("sparse_sigmoid", 0.5), "sparse_sigmoid")
            .register(c -> new LogSigmoid(), "log_sigmoid")
            .register(c -> new Silu(), "silu", "swish")
            .register(c -> new HardSilu(), "hard_silu", "hard_swish")
            .register(c -> new Mish(), "mish")
            .register(c -> new Softplus(), "softplus")
            .register(c -> new Softsign(), "softsign")
            .register(c -> new SparsePlus(), "sparse_plus")
            .register(c -> new SoftShrink(number(c, "threshold", 0.5)), "soft_shrink")
            .register(c -> new HardShrink(number(c, "threshold", 0.5)), "hard_shrink")
            .register(c -> new Tanh(), "tanh")
            .register(c -> new HardTanh(), "hard_tanh")
            .register(c -> new TanhShrink(), "tanh_shrink")
            .register(c -> new Exponential(), "exponential")
            .register(c -> new Linear(), "linear")
            .register(c -> new Softmax((int) number(c, "axis", -1)), "softmax")
            .register(c -> new LogSoftmax((int) number(c, "axis", -1)), "log_softmax")
            .register(c -> new Sparsemax((int) number(c, "axis", -1)), "sparsemax")
            .register(c -> new Squareplus(number(c, "b", 4.0)), "squareplus")
            .register(c -> threshold(required(c, "threshold"), required(c, "default_value")), "threshold");

    private Activations() {
    }

    private static double number(Map<String, Object> c, String key, double defaultValue) {
        Object v = c.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("Activation argument `" + key + "` must be a number, got " + v);
        }
        return ((Number) v).doubleValue();
    }

    private static double required(Map<String, Object> c, String key) {
        if (c.get(key) == null) {
            throw new IllegalArgumentException("Activation 'threshold' needs the argument `" + key
                    + "` (keras.activations.threshold(x, threshold, default_value)); use Activations.threshold(t, v)");
        }
        return number(c, key, 0);
    }

    /** The activation for a Keras identifier, with Keras's default arguments; null gives "linear". */
    public static ActivationFunction get(String identifier) {
        return get(identifier, Map.of());
    }

    /** The activation for a Keras identifier with arguments by Keras name ({@code {"negative_slope": 0.1}}). */
    public static ActivationFunction get(String identifier, Map<String, Object> arguments) {
        return REGISTRY.get(identifier == null ? "linear" : identifier, arguments);
    }

    /**
     * The activation as the given Keras version computed it, for files written by older Keras ("2.2.4"):
     * before 3.0, "hard_sigmoid" is {@code clip(0.2 * x + 0.5, 0, 1)}. A null or 3.x version is {@link #get(String)}.
     */
    public static ActivationFunction get(String identifier, String kerasVersion) {
        boolean legacy = kerasVersion != null && (kerasVersion.startsWith("1.") || kerasVersion.startsWith("2."));
        if (legacy && "hard_sigmoid".equals(identifier)) {
            return new HardSigmoid("hard_sigmoid", 0.2);
        }
        return get(identifier);
    }

    /**
     * keras.activations.relu with arguments: {@code clip(x > threshold ? x : 0, 0, max_value) -
     * negative_slope * max(threshold - x, 0)}.
     *
     * @param maxValue the saturation value, or null for none
     */
    public static ActivationFunction relu(double negativeSlope, Double maxValue, double threshold) {
        return new Relu("relu", negativeSlope, maxValue, threshold);
    }

    /** keras.activations.leaky_relu with {@code negative_slope}. */
    public static ActivationFunction leakyRelu(double negativeSlope) {
        return new LeakyRelu(negativeSlope);
    }

    /** keras.activations.elu with {@code alpha}. */
    public static ActivationFunction elu(double alpha) {
        return new Elu("elu", alpha, 1.0);
    }

    /** keras.activations.gelu; {@code approximate} selects the tanh approximation (default false). */
    public static ActivationFunction gelu(boolean approximate) {
        return new Gelu(approximate);
    }

    /** keras.activations.softmax along {@code axis}. */
    public static ActivationFunction softmax(int axis) {
        return new Softmax(axis);
    }

    /** keras.activations.threshold: {@code x > threshold ? x : defaultValue}. */
    public static ActivationFunction threshold(double threshold, double defaultValue) {
        return new Threshold(threshold, defaultValue);
    }

    /** The identifiers that {@link #get} accepts. */
    public static Set<String> names() {
        return REGISTRY.names();
    }

    /** Registers a custom activation under {@code name}, as {@code keras.saving.register_keras_serializable}. */
    public static void register(String name, Supplier<ActivationFunction> factory) {
        REGISTRY.register(c -> factory.get(), name);
    }
}
