package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.Map;

/**
 * 2D separable convolution, as keras/src/layers/convolutional/separable_conv2d.py {@code SeparableConv2D}: a
 * depthwise convolution (each input channel with its own {@code depth_multiplier} filters, kernel
 * {@code kernel_size + (input_channels, depth_multiplier)}) followed by a pointwise convolution (kernel
 * {@code (1, ..., input_channels * depth_multiplier, filters)}), the bias {@code (filters,)} and the activation.
 *
 * <p>Input shape {@code (batch, height, width, channels)} ({@code channels_last}, the default) or channels first; output shape
 * {@code (batch, new_height, new_width, filters)}, each new length {@code floor((n - dilation_rate * (kernel_size - 1) - 1) / strides) + 1}
 * for padding "valid" and {@code floor((n - 1) / strides) + 1} for "same" (which pads {@code floor(total / 2)} before).
 * Defaults as Keras: strides 1, padding "valid", depth_multiplier 1, dilation_rate 1, no activation, use_bias true,
 * depthwise and pointwise "glorot_uniform", bias "zeros".
 * <pre>{@code new SeparableConv2D(32, 3).padding("same").activation("relu")}</pre>
 */
public class SeparableConv2D extends BaseSeparableConv<SeparableConv2D> {
    /**
     * @param filters    the number of output channels
     * @param kernelSize one int for all 2 spatial axes, or 2 ints
     */
    public SeparableConv2D(int filters, int... kernelSize) {
        super(2, filters, kernelSize);
    }

    /** A SeparableConv2D layer from its Keras config. */
    public static SeparableConv2D fromConfig(Map<String, Object> map) {
        Config c = new Config("SeparableConv2D", map).allow(KEYS);
        return configure(new SeparableConv2D(c.getInt("filters"), ConvUtils.ints(c, "kernel_size", null)), c);
    }
}
