package io.keras4j.layers;

import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.engine.Registry;

/** Registers the activation layers (keras/src/layers/activations/) by Keras class name. */
public final class ActivationLayers implements LayerProvider {
    @Override
    public void registerLayers(Registry<Layer> registry) {
        registry.register(ReLU::fromConfig, "ReLU");
        registry.register(LeakyReLU::fromConfig, "LeakyReLU");
        registry.register(PReLU::fromConfig, "PReLU");
        registry.register(ELU::fromConfig, "ELU");
        registry.register(Softmax::fromConfig, "Softmax");
        registry.register(ThresholdedReLU::fromConfig, "ThresholdedReLU");
    }
}
