package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.Map;

/**
 * 1D convolution, as keras/src/layers/convolutional/conv1d.py {@code Conv1D}: convolves the input with a
 * kernel of shape {@code kernel_size + (input_channels / groups, filters)}, adds the bias {@code (filters,)} and
 * applies the activation.
 *
 * <p>Input shape {@code (batch, steps, channels)} ({@code channels_last}, the default) or channels first; output shape
 * {@code (batch, new_steps, filters)}, where each new length is {@code floor((n - dilation_rate * (kernel_size - 1) - 1) / strides) + 1}
 * for padding "valid" and {@code floor((n - 1) / strides) + 1} for "same", which pads
 * {@code floor(total / 2)} before and the rest after. Padding "causal" pads {@code dilation_rate * (kernel_size - 1)} zeros on the left only (outputs never see later steps).
 * Defaults as Keras: strides 1, padding "valid", dilation_rate 1, groups 1, no activation, use_bias true,
 * kernel "glorot_uniform", bias "zeros".
 * <pre>{@code new Conv1D(32, 3).padding("causal").dilationRate(2)}</pre>
 */
public class Conv1D extends BaseConv<Conv1D> {
    /**
     * @param filters    the number of output channels
     * @param kernelSize one int for all 1 spatial axes, or 1 ints
     */
    public Conv1D(int filters, int... kernelSize) {
        super(1, filters, kernelSize);
    }

    /** A Conv1D layer from its Keras config. */
    public static Conv1D fromConfig(Map<String, Object> map) {
        Config c = new Config("Conv1D", map).allow(KEYS);
        return configure(new Conv1D(c.getInt("filters"), ConvUtils.ints(c, "kernel_size", null)), c);
    }
}
