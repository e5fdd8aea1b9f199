package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.Map;

/**
 * 3D convolution, as keras/src/layers/convolutional/conv3d.py {@code Conv3D}: convolves the input with a
 * kernel of shape {@code kernel_size + (input_channels / groups, filters)}, adds the bias {@code (filters,)} and
 * applies the activation.
 *
 * <p>Input shape {@code (batch, dim1, dim2, dim3, channels)} ({@code channels_last}, the default) or channels first; output shape
 * {@code (batch, new_dim1, new_dim2, new_dim3, filters)}, where each new length is {@code floor((n - dilation_rate * (kernel_size - 1) - 1) / strides) + 1}
 * for padding "valid" and {@code floor((n - 1) / strides) + 1} for "same", which pads
 * {@code floor(total / 2)} before and the rest after.
 * Defaults as Keras: strides 1, padding "valid", dilation_rate 1, groups 1, no activation, use_bias true,
 * kernel "glorot_uniform", bias "zeros".
 * <pre>{@code new Conv3D(8, 3).strides(2).padding("same")}</pre>
 */
public class Conv3D extends BaseConv<Conv3D> {
    /**
     * @param filters    the number of output channels
     * @param kernelSize one int for all 3 spatial axes, or 3 ints
     */
    public Conv3D(int filters, int... kernelSize) {
        super(3, filters, kernelSize);
    }

    /** A Conv3D layer from its Keras config. */
    public static Conv3D fromConfig(Map<String, Object> map) {
        Config c = new Config("Conv3D", map).allow(KEYS);
        return configure(new Conv3D(c.getInt("filters"), ConvUtils.ints(c, "kernel_size", null)), c);
    }
}
