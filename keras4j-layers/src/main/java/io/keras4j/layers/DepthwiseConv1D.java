package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.Map;

/**
 * 1D depthwise convolution, as keras/src/layers/convolutional/depthwise_conv1d.py {@code DepthwiseConv1D}: each
 * input channel is convolved with its own {@code depth_multiplier} filters (kernel
 * {@code kernel_size + (input_channels, depth_multiplier)}), the bias {@code (input_channels * depth_multiplier,)} is
 * added and the activation applied; output channel {@code c * depth_multiplier + m} comes from input channel {@code c}.
 *
 * <p>Input shape {@code (batch, steps, channels)} ({@code channels_last}, the default) or channels first; output shape
 * {@code (batch, new_steps, channels * depth_multiplier)}, each new length {@code floor((n - dilation_rate * (kernel_size - 1) - 1) / strides) + 1}
 * for padding "valid" and {@code floor((n - 1) / strides) + 1} for "same" (which pads {@code floor(total / 2)} before).
 * Defaults as Keras: strides 1, padding "valid", depth_multiplier 1, dilation_rate 1, no activation, use_bias true,
 * depthwise "glorot_uniform", bias "zeros".
 * <pre>{@code new DepthwiseConv1D(3).depthMultiplier(2)}</pre>
 */
public class DepthwiseConv1D extends BaseDepthwiseConv<DepthwiseConv1D> {
    /** @param kernelSize one int for all 1 spatial axes, or 1 ints */
    public DepthwiseConv1D(int... kernelSize) {
        super(1, kernelSize);
    }

    /** A DepthwiseConv1D layer from its Keras config. */
    public static DepthwiseConv1D fromConfig(Map<String, Object> map) {
        Config c = new Config("DepthwiseConv1D", map).allow(KEYS);
        return configure(new DepthwiseConv1D(ConvUtils.ints(c, "kernel_size", null)), c);
    }
}
