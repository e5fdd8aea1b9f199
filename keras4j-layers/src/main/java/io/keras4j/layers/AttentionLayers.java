package io.keras4j.layers;

import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.engine.Registry;

/** Registers the attention layers by Keras class name (found by {@link java.util.ServiceLoader}). */
public final class AttentionLayers implements LayerProvider {
    @Override
    public void registerLayers(Registry<Layer> registry) {
        registry.register(Attention::fromConfig, "Attention");
        registry.register(AdditiveAttention::fromConfig, "AdditiveAttention");
        registry.register(MultiHeadAttention::fromConfig, "MultiHeadAttention");
    }
}
