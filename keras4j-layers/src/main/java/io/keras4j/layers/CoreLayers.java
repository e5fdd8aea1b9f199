package io.keras4j.layers;

import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.engine.Registry;

/** Registers this module's layers by Keras class name (found by {@link java.util.ServiceLoader}). */
public final class CoreLayers implements LayerProvider {
    @Override
    public void registerLayers(Registry<Layer> registry) {
        registry.register(Dense::fromConfig, "Dense");
        registry.register(Flatten::fromConfig, "Flatten");
        registry.register(Activation::fromConfig, "Activation");
        registry.register(Dropout::fromConfig, "Dropout");
        registry.register(Reshape::fromConfig, "Reshape");
    }
}
