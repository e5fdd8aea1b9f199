package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.Map;

/**
 * 2D depthwise convolution, as keras/src/layers/convolutional/depthwise_conv2d.py {@code DepthwiseConv2D}: each
 * input channel is convolved with its own {@code depth_multiplier} filters (kernel
 * {@code kernel_size + (input_channels, depth_multiplier)}), the bias {@code (input_channels * depth_multiplier,)} is
 * added and the activation applied; output channel {@code c * depth_multiplier + m} comes from input channel {@code c}.
 *
 * <p>Input shape {@code (batch, height, width, channels)} ({@code channels_last}, the default) or channels first; output shape
 * {@code (batch, new_height, new_width, channels * depth_multiplier)}, each new length {@code floor((n - dilation_rate * (kernel_size - 1) - 1) / strides) + 1}
 * for padding "valid" and {@code floor((n - 1) / strides) + 1} for "same" (which pads {@code floor(total / 2)} before).
 * Defaults as Keras: strides 1, padding "valid", depth_multiplier 1, dilation_rate 1, no activation, use_bias true,
 * depthwise "glorot_uniform", bias "zeros".
 * <pre>{@code new DepthwiseConv2D(3).strides(2).padding("same")}</pre>
 */
public class DepthwiseConv2D extends BaseDepthwiseConv<DepthwiseConv2D> {
    /** @param kernelSize one int for all 2 spatial axes, or 2 ints */
    public DepthwiseConv2D(int... kernelSize) {
        super(2, kernelSize);
    }

    /** A DepthwiseConv2D layer from its Keras config. */
    public static DepthwiseConv2D fromConfig(Map<String, Object> map) {
        Config c = new Config("DepthwiseConv2D", map).allow(KEYS);
        return configure(new DepthwiseConv2D(ConvUtils.ints(c, "kernel_size", null)), c);
    }
}
