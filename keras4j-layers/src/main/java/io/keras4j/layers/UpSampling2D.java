package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/**
 * Repeats the rows and columns of an image, as keras/src/layers/reshaping/up_sampling2d.py {@code UpSampling2D}
 * with {@code interpolation="nearest"}: input {@code (batch, rows, cols, channels)} (channels_last) gives
 * {@code (batch, rows * size[0], cols * size[1], channels)}. Default size (2, 2).
 *
 * <p>{@code interpolation}: "nearest" (default) repeats rows and columns; "bilinear" resizes as Keras's
 * {@code ops.image.resize(..., interpolation="bilinear")} with half-pixel centers (see {@link BilinearResize}).
 * Keras's other interpolations ("bicubic", "lanczos3", "lanczos5", "area") are not implemented and are rejected.
 */
public class UpSampling2D extends UpSampling {
    private String interpolation = "nearest";

    public UpSampling2D() {
        this(2);
    }

    /** @param size the factor for both rows and columns */
    public UpSampling2D(int size) {
        super(size, 2);
    }

    /** @param rows the factor for rows, @param cols for columns */
    public UpSampling2D(int rows, int cols) {
        super(List.of(rows, cols), 2);
    }

    public UpSampling2D dataFormat(String dataFormat) {
        setDataFormat(dataFormat);
        return this;
    }

    /** The interpolation: "nearest" or "bilinear". */
    public UpSampling2D interpolation(String interpolation) {
        if (!"nearest".equals(interpolation) && !"bilinear".equals(interpolation)) {
            throw new IllegalArgumentException("UpSampling2D: interpolation \"" + interpolation
                    + "\" is not implemented; expected \"nearest\" or \"bilinear\"");
        }
        this.interpolation = interpolation;
        return this;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        if (interpolation.equals("nearest")) {
            return super.call(input, ctx);
        }
        long[] out = computeOutputShape(input.shape());
        int[] axes = {Spatial.axis(dataFormat, 0), Spatial.axis(dataFormat, 1)};
        return BilinearResize.forward(input, axes, new long[]{out[axes[0]], out[axes[1]]}, ctx);
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        if (interpolation.equals("nearest")) {
            return super.backward(gradOutput, ctx);
        }
        return BilinearResize.backward(gradOutput, new int[]{Spatial.axis(dataFormat, 0), Spatial.axis(dataFormat, 1)}, ctx);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("interpolation", interpolation);
        return config;
    }

    /** An UpSampling2D layer from its Keras config. */
    public static UpSampling2D fromConfig(Map<String, Object> map) {
        Config c = UpSampling.config("UpSampling2D", map, "interpolation");
        long[] size = c.has("size") ? c.getLongs("size") : new long[]{2, 2};
        UpSampling2D up = size.length == 1 ? new UpSampling2D((int) size[0]) : new UpSampling2D((int) size[0], (int) size[1]);
        up.interpolation(c.getString("interpolation", "nearest")).dataFormat(c.getString("data_format", null));
        return c.applyBase(up);
    }
}
