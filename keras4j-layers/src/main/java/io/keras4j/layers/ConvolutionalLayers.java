package io.keras4j.layers;

import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.engine.Registry;

/** Registers the convolution and pooling layers by Keras class name (found by {@link java.util.ServiceLoader}). */
public final class ConvolutionalLayers implements LayerProvider {
    @Override
    public void registerLayers(Registry<Layer> registry) {
        registry.register(Conv1D::fromConfig, "Conv1D", "Convolution1D");
        registry.register(Conv2D::fromConfig, "Conv2D", "Convolution2D");
        registry.register(Conv3D::fromConfig, "Conv3D", "Convolution3D");
        registry.register(DepthwiseConv1D::fromConfig, "DepthwiseConv1D");
        registry.register(DepthwiseConv2D::fromConfig, "DepthwiseConv2D");
        registry.register(SeparableConv1D::fromConfig, "SeparableConv1D", "SeparableConvolution1D");
        registry.register(SeparableConv2D::fromConfig, "SeparableConv2D", "SeparableConvolution2D");
        registry.register(Conv1DTranspose::fromConfig, "Conv1DTranspose", "Convolution1DTranspose");
        registry.register(Conv2DTranspose::fromConfig, "Conv2DTranspose", "Convolution2DTranspose");
        registry.register(MaxPooling1D::fromConfig, "MaxPooling1D", "MaxPool1D");
        registry.register(MaxPooling2D::fromConfig, "MaxPooling2D", "MaxPool2D");
        registry.register(MaxPooling3D::fromConfig, "MaxPooling3D", "MaxPool3D");
        registry.register(AveragePooling1D::fromConfig, "AveragePooling1D", "AvgPool1D");
        registry.register(AveragePooling2D::fromConfig, "AveragePooling2D", "AvgPool2D");
        registry.register(AveragePooling3D::fromConfig, "AveragePooling3D", "AvgPool3D");
        registry.register(GlobalMaxPooling1D::fromConfig, "GlobalMaxPooling1D", "GlobalMaxPool1D");
        registry.register(GlobalMaxPooling2D::fromConfig, "GlobalMaxPooling2D", "GlobalMaxPool2D");
        registry.register(GlobalMaxPooling3D::fromConfig, "GlobalMaxPooling3D", "GlobalMaxPool3D");
        registry.register(GlobalAveragePooling1D::fromConfig, "GlobalAveragePooling1D", "GlobalAvgPool1D");
        registry.register(GlobalAveragePooling2D::fromConfig, "GlobalAveragePooling2D", "GlobalAvgPool2D");
        registry.register(GlobalAveragePooling3D::fromConfig, "GlobalAveragePooling3D", "GlobalAvgPool3D");
    }
}
