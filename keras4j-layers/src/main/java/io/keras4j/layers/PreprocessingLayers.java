package io.keras4j.layers;

import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.engine.Registry;

/** Registers the preprocessing layers by Keras class name (found by {@link java.util.ServiceLoader}). */
public final class PreprocessingLayers implements LayerProvider {
    @Override
    public void registerLayers(Registry<Layer> registry) {
        registry.register(Normalization::fromConfig, "Normalization");
        registry.register(Rescaling::fromConfig, "Rescaling");
    }
}
