package io.keras4j.engine;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * A module's layers by Keras {@code class_name}, found through {@link ServiceLoader}: keras4j-layers
 * provides the built-in ones; a user registers their own with {@link #register}, as
 * {@code keras.saving.register_keras_serializable}. {@link #fromConfig} rebuilds any of them from a config.
 */
public interface LayerProvider {
    /** Adds this module's layers to the registry. */
    void registerLayers(Registry<Layer> registry);

    /** Registers a layer class under its Keras class name. */
    static void register(String className, Function<Map<String, Object>, Layer> fromConfig) {
        Holder.REGISTRY.register(fromConfig, className);
    }

    /** A new layer from its Keras class name and config. */
    static Layer fromConfig(String className, Map<String, Object> config) {
        return Holder.REGISTRY.get(className, config);
    }

    /** The registered class names. */
    static java.util.Set<String> names() {
        return Holder.REGISTRY.names();
    }

    /** Lazily loads the providers once. */
    final class Holder {
        static final Registry<Layer> REGISTRY = load();

        private Holder() {
        }

        private static Registry<Layer> load() {
            Registry<Layer> registry = new Registry<>("layer");
            registry.register(c -> {
                Config config = new Config("InputLayer", c);
                long[] shape = config.has("batch_shape") ? config.getLongs("batch_shape") : config.getLongs("batch_input_shape");
                return new InputLayer(shape, config.getString("name", null), config.getString("dtype", "float32"));
            }, "InputLayer");
            for (LayerProvider provider : ServiceLoader.load(LayerProvider.class)) {
                provider.registerLayers(registry);
            }
            return registry;
        }
    }
}
