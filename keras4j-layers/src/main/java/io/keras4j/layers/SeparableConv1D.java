package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.Map;

/**
 * 1D separable convolution, as keras/src/layers/convolutional/separable_conv1d.py {@code SeparableConv1D}: a
 * depthwise convolution (each input channel with its own {@code depth_multiplier} filters, kernel
 * {@code kernel_size + (input_channels, depth_multiplier)}) followed by a pointwise convolution (kernel
 * {@code (1, ..., input_channels * depth_multiplier, filters)}), the bias {@code (filters,)} and the activation.
 *
 * <p>Input shape {@code (batch, steps, channels)} ({@code channels_last}, the default) or channels first; output shape
 * {@code (batch, new_steps, filters)}, each new length {@code floor((n - dilation_rate * (kernel_size - 1) - 1) / strides) + 1}
 * for padding "valid" and {@code floor((n - 1) / strides) + 1} for "same" (which pads {@code floor(total / 2)} before).
 * Defaults as Keras: strides 1, padding "valid", depth_multiplier 1, dilation_rate 1, no activation, use_bias true,
 * depthwise and pointwise "glorot_uniform", bias "zeros".
 * <pre>{@code new SeparableConv1D(8, 3).depthMultiplier(2)}</pre>
 */
public class SeparableConv1D extends BaseSeparableConv<SeparableConv1D> {
    /**
     * @param filters    the number of output channels
     * @param kernelSize one int for all 1 spatial axes, or 1 ints
     */
    public SeparableConv1D(int filters, int... kernelSize) {
        super(1, filters, kernelSize);
    }

    /** A SeparableConv1D layer from its Keras config. */
    public static SeparableConv1D fromConfig(Map<String, Object> map) {
        Config c = new Config("SeparableConv1D", map).allow(KEYS);
        return configure(new SeparableConv1D(c.getInt("filters"), ConvUtils.ints(c, "kernel_size", null)), c);
    }
}
