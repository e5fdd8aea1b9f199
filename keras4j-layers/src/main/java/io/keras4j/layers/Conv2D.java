package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.Map;

/**
 * 2D convolution, as keras/src/layers/convolutional/conv2d.py {@code Conv2D}: convolves the input with a
 * kernel of shape {@code kernel_size + (input_channels / groups, filters)}, adds the bias {@code (filters,)} and
 * applies the activation.
 *
 * <p>Input shape {@code (batch, height, width, channels)} ({@code channels_last}, the default) or channels first; output shape
 * {@code (batch, new_height, new_width, filters)}, where each new length is {@code floor((n - dilation_rate * (kernel_size - 1) - 1) / strides) + 1}
 * for padding "valid" and {@code floor((n - 1) / strides) + 1} for "same", which pads
 * {@code floor(total / 2)} before and the rest after.
 * Defaults as Keras: strides 1, padding "valid", dilation_rate 1, groups 1, no activation, use_bias true,
 * kernel "glorot_uniform", bias "zeros".
 * <pre>{@code new Conv2D(32, 3).activation("relu")}</pre>
 */
public class Conv2D extends BaseConv<Conv2D> {
    /**
     * @param filters    the number of output channels
     * @param kernelSize one int for all 2 spatial axes, or 2 ints
     */
    public Conv2D(int filters, int... kernelSize) {
        super(2, filters, kernelSize);
    }

    /** A Conv2D layer from its Keras config. */
    public static Conv2D fromConfig(Map<String, Object> map) {
        Config c = new Config("Conv2D", map).allow(KEYS);
        return configure(new Conv2D(c.getInt("filters"), ConvUtils.ints(c, "kernel_size", null)), c);
    }
}
