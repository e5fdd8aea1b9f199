package io.keras4j.layers;

import io.keras4j.engine.Config;

import java.util.Map;

/**
 * 2D transposed convolution, as keras/src/layers/convolutional/conv2d_transpose.py {@code Conv2DTranspose}: the
 * transpose (input gradient) of a convolution with the kernel {@code kernel_size + (filters, input_channels)}, plus the
 * bias {@code (filters,)}, then the activation.
 *
 * <p>Input shape {@code (batch, height, width, channels)} ({@code channels_last}, the default) or channels first; output shape
 * {@code (batch, new_height, new_width, filters)}, with {@code k' = dilation_rate * (kernel_size - 1) + 1} each new length is
 * {@code (n - 1) * strides + k' + p} for padding "valid" ({@code p = output_padding}, or {@code max(k', strides) - k'} when
 * it is null) and {@code n * strides} for "same" without output_padding, else {@code (n - 1) * strides + k' % 2 + output_padding}.
 * Defaults as Keras: strides 1, padding "valid", output_padding null, dilation_rate 1, no activation, use_bias true,
 * kernel "glorot_uniform", bias "zeros".
 * <pre>{@code new Conv2DTranspose(32, 3).strides(2).padding("same")}</pre>
 */
public class Conv2DTranspose extends BaseConvTranspose<Conv2DTranspose> {
    /**
     * @param filters    the number of output channels
     * @param kernelSize one int for all 2 spatial axes, or 2 ints
     */
    public Conv2DTranspose(int filters, int... kernelSize) {
        super(2, filters, kernelSize);
    }

    /** A Conv2DTranspose layer from its Keras config. */
    public static Conv2DTranspose fromConfig(Map<String, Object> map) {
        Config c = new Config("Conv2DTranspose", map).allow(KEYS);
        return configure(new Conv2DTranspose(c.getInt("filters"), ConvUtils.ints(c, "kernel_size", null)), c);
    }
}
