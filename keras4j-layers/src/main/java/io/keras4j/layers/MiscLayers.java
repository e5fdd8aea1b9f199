package io.keras4j.layers;

import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.engine.Registry;

/**
 * Registers the core (EinsumDense, Lambda, Embedding, Masking, Identity), normalization, regularization, reshaping
 * and merging layers by Keras class name (found by {@link java.util.ServiceLoader}).
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
        registry.register(SpatialDropout1D::fromConfig, "SpatialDropout1D");
        registry.register(SpatialDropout2D::fromConfig, "SpatialDropout2D");
        registry.register(SpatialDropout3D::fromConfig, "SpatialDropout3D");
        registry.register(GaussianNoise::fromConfig, "GaussianNoise");
        registry.register(GaussianDropout::fromConfig, "GaussianDropout");
        registry.register(AlphaDropout::fromConfig, "AlphaDropout");
        registry.register(ActivityRegularization::fromConfig, "ActivityRegularization");
        registry.register(Identity::fromConfig, "Identity");
        registry.register(ZeroPadding1D::fromConfig, "ZeroPadding1D");
        registry.register(ZeroPadding2D::fromConfig, "ZeroPadding2D");
        registry.register(ZeroPadding3D::fromConfig, "ZeroPadding3D");
        registry.register(Cropping1D::fromConfig, "Cropping1D");
        registry.register(Cropping2D::fromConfig, "Cropping2D");
        registry.register(Cropping3D::fromConfig, "Cropping3D");
        registry.register(UpSampling1D::fromConfig, "UpSampling1D");
        registry.register(UpSampling2D::fromConfig, "UpSampling2D");
        registry.register(UpSampling3D::fromConfig, "UpSampling3D");
        registry.register(Permute::fromConfig, "Permute");
        registry.register(RepeatVector::fromConfig, "RepeatVector");
        registry.register(EinsumDense::fromConfig, "EinsumDense");
        registry.register(Lambda::fromConfig, "Lambda");
    }
}
