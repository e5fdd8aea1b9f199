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
        registry.register(UnitNormalization::fromConfig, "UnitNormalization");
        registry.register(LayerNormalization::fromConfig, "LayerNormalization");
        registry.register(GroupNormalization::fromConfig, "GroupNormalization");
        registry.register(RMSNormalization::fromConfig, "RMSNormalization");
        registry.register(Embedding::fromConfig, "Embedding");
        registry.register(Masking::fromConfig, "Masking");
        registry.register(Add::fromConfig, "Add");
        registry.register(Subtract::fromConfig, "Subtract");
        registry.register(Multiply::fromConfig, "Multiply");
        registry.register(Average::fromConfig, "Average");
        registry.register(Maximum::fromConfig, "Maximum");
        registry.register(Minimum::fromConfig, "Minimum");
        registry.register(Concatenate::fromConfig, "Concatenate");
        registry.register(Dot::fromConfig, "Dot");
    }
}
