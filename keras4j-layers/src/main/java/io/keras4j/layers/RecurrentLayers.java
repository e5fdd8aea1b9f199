package io.keras4j.layers;

import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.engine.Registry;

/** Registers the recurrent and attention layers by Keras class name (found by {@link java.util.ServiceLoader}). */
public final class RecurrentLayers implements LayerProvider {
    @Override
    public void registerLayers(Registry<Layer> registry) {
        registry.register(SimpleRNN::fromConfig, "SimpleRNN");
        registry.register(LSTM::fromConfig, "LSTM");
        registry.register(GRU::fromConfig, "GRU");
        registry.register(SimpleRNNCell::fromConfig, "SimpleRNNCell");
        registry.register(LSTMCell::fromConfig, "LSTMCell");
        registry.register(GRUCell::fromConfig, "GRUCell");
        registry.register(RNN::fromConfig, "RNN");
        registry.register(StackedRNNCells::fromConfig, "StackedRNNCells");
        registry.register(Bidirectional::fromConfig, "Bidirectional");
        registry.register(TimeDistributed::fromConfig, "TimeDistributed");
    }
}
