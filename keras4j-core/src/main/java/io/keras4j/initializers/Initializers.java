package io.keras4j.initializers;

import io.keras4j.engine.Config;
import io.keras4j.engine.Registry;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Initializers by Keras identifier, as keras/src/initializers/__init__.py {@code get}: the class names
 * ("GlorotUniform"), their snake_case forms ("glorot_uniform") and Keras's aliases ("normal", "uniform",
 * "zero", "one", "IdentityInitializer", "OrthogonalInitializer"), with a config.
 */
public final class Initializers {
    private static final Registry<Initializer> REGISTRY = new Registry<>("initializer");

    static {
        add(c -> empty("Zeros", c, new Zeros()), "Zeros", "zeros", "zero");
        add(c -> empty("Ones", c, new Ones()), "Ones", "ones", "one");
        add(Constant::fromConfig, "Constant", "constant");
        add(RandomNormal::fromConfig, "RandomNormal", "random_normal", "normal");
        add(RandomUniform::fromConfig, "RandomUniform", "random_uniform", "uniform");
        add(TruncatedNormal::fromConfig, "TruncatedNormal", "truncated_normal");
        add(VarianceScaling::fromConfig, "VarianceScaling", "variance_scaling");
        add(c -> new GlorotNormal(seed(c), axes(c, "input_axes"), axes(c, "output_axes")), "GlorotNormal", "glorot_normal");
        add(c -> new GlorotUniform(seed(c), axes(c, "input_axes"), axes(c, "output_axes")), "GlorotUniform", "glorot_uniform");
        add(c -> new HeNormal(seed(c), axes(c, "input_axes"), axes(c, "output_axes")), "HeNormal", "he_normal");
        add(c -> new HeUniform(seed(c), axes(c, "input_axes"), axes(c, "output_axes")), "HeUniform", "he_uniform");
        add(c -> new LecunNormal(seed(c), axes(c, "input_axes"), axes(c, "output_axes")), "LecunNormal", "lecun_normal");
        add(c -> new LecunUniform(seed(c), axes(c, "input_axes"), axes(c, "output_axes")), "LecunUniform", "lecun_uniform");
        add(Orthogonal::fromConfig, "Orthogonal", "orthogonal", "OrthogonalInitializer");
        add(Identity::fromConfig, "Identity", "identity", "IdentityInitializer");
    }

    private Initializers() {
    }

    private static void add(Function<Map<String, Object>, Initializer> factory, String... names) {
        REGISTRY.register(factory, names);
    }

    private static Initializer empty(String owner, Map<String, Object> config, Initializer initializer) {
        new Config(owner, config).allow();
        return initializer;
    }

    /** The {@code seed} of a config with only that key. */
    private static Long seed(Map<String, Object> config) {
        Config c = new Config("initializer", config);
        return c.has("seed") ? (long) c.getInt("seed") : null;
    }

    /** A config's {@code input_axes} or {@code output_axes} ({@link VarianceScaling}'s fan axes), or null. */
    private static int[] axes(Map<String, Object> config, String key) {
        return VarianceScaling.axes(new Config("initializer", config), key);
    }

    /** The initializer for a Keras identifier, with Keras's defaults. */
    public static Initializer get(String identifier) {
        return REGISTRY.get(identifier);
    }

    /** The initializer for a Keras class name and config, as stored in saved models. */
    public static Initializer get(String className, Map<String, Object> config) {
        return REGISTRY.get(className, config);
    }

    /** The identifiers that {@link #get(String)} accepts. */
    public static Set<String> names() {
        return REGISTRY.names();
    }
}
