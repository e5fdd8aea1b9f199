package io.keras4j.layers;

import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.engine.Registry;

/**
 * Registers the core, normalization, regularization, reshaping and merging layers by Keras class name
 * (found by {@link java.util.ServiceLoader}).
 */
public final class MiscLayers implements LayerProvider {
    @Override
    public void registerLayers(Registry<Layer> registry) {
        registry.register(BatchNormalization::fromConfig, "BatchNormalization");
    }
}
