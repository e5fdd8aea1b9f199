package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A preprocessing layer which rescales input values to a new range, as
 * keras/src/layers/preprocessing/rescaling.py {@code Rescaling}: {@code y = cast(x, dtype) * scale + offset},
 * in training and inference alike.
 *
 * <p>Arguments: {@code scale}, {@code offset} (default 0), each a number or a list with one value per channel
 * (the last axis, broadcast as NumPy does: EfficientNet's per-channel ImageNet normalization). Inputs of any
 * numeric dtype; outputs in the layer dtype (float32 by default), same shape. {@code new Rescaling(1.0 / 255)} maps
 * [0, 255] to [0, 1]; {@code new Rescaling(1.0 / 127.5, -1)} maps it to [-1, 1];
 * {@code new Rescaling(new double[]{4.37, 4.46, 4.44}, new double[]{-0.485, -0.456, -0.406})} scales and shifts
 * each RGB channel.
 */
public class Rescaling extends Layer {
    private final double[] scale;
    private final double[] offset;
    private final boolean scalarScale;
    private final boolean scalarOffset;

    /** @param scale the factor applied to the inputs */
    public Rescaling(double scale) {
        this(scale, 0.0);
    }

    /**
     * @param scale  the factor applied to the inputs
     * @param offset the value added after scaling
     */
    public Rescaling(double scale, double offset) {
        this(new double[]{scale}, new double[]{offset}, true, true);
    }

    /** @param scale the factors applied to the last axis of the inputs (one per channel); offset 0 */
    public Rescaling(double[] scale) {
        this(scale, new double[]{0.0}, false, true);
    }

    /**
     * @param scale  the factors applied to the last axis of the inputs (one per channel)
     * @param offset the values added after scaling (one per channel, or one for all)
     */
    public Rescaling(double[] scale, double[] offset) {
        this(scale, offset, false, false);
    }

    private Rescaling(double[] scale, double[] offset, boolean scalarScale, boolean scalarOffset) {
        if (scale.length == 0 || offset.length == 0) {
            throw new IllegalArgumentException("Rescaling: `scale` and `offset` must not be empty lists");
        }
        this.scale = scale.clone();
        this.offset = offset.clone();
        this.scalarScale = scalarScale;
        this.scalarOffset = scalarOffset;
    }

    @Override
    protected void build(long[] inputShape) {
        long channels = inputShape[inputShape.length - 1];
        for (double[] v : new double[][]{scale, offset}) {
            if (v.length != 1 && v.length != channels) {
                throw new IllegalArgumentException("Rescaling '" + name() + "': a per-channel `scale`/`offset` needs one value per channel ("
                        + channels + ", the last axis of input shape " + Arrays.toString(inputShape) + "), got " + v.length);
            }
        }
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        INDArray x = input.dataType() == dtype() ? input : input.castTo(dtype());
        return times(x, scale).add(values(offset, x));
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        return times(gradOutput, scale);
    }

    private static INDArray times(INDArray x, double[] factor) {
        return factor.length == 1 ? x.mul(factor[0]) : x.mul(values(factor, x));
    }

    /** The values as an array broadcast along the last axis of {@code like}. */
    private static INDArray values(double[] v, INDArray like) {
        long[] shape = new long[like.rank()];
        Arrays.fill(shape, 1);
        shape[shape.length - 1] = v.length;
        return Nd4j.createFromArray(v).castTo(like.dataType()).reshape(shape);
    }

    /** Passes the (first) input mask on, as Keras's {@code supports_masking = True} for this layer. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("scale", scalarScale ? (Object) scale[0] : Arrays.stream(scale).boxed().toList());
        config.put("offset", scalarOffset ? (Object) offset[0] : Arrays.stream(offset).boxed().toList());
        return config;
    }

    /** A Rescaling layer from its Keras config ({@code scale} and {@code offset}, each a number or a list). */
    public static Rescaling fromConfig(Map<String, Object> map) {
        Config c = new Config("Rescaling", map).allow("scale", "offset");
        Object s = c.has("scale") ? c.raw("scale") : 1.0;
        Object o = c.has("offset") ? c.raw("offset") : 0.0;
        return c.applyBase(new Rescaling(numbers(s, "scale"), numbers(o, "offset"), s instanceof Number, o instanceof Number));
    }

    private static double[] numbers(Object value, String key) {
        if (value instanceof Number) {
            return new double[]{((Number) value).doubleValue()};
        }
        if (value instanceof List && ((List<?>) value).stream().allMatch(e -> e instanceof Number)) {
            return ((List<?>) value).stream().mapToDouble(e -> ((Number) e).doubleValue()).toArray();
        }
        if (value instanceof INDArray && ((INDArray) value).rank() <= 1) {
            return ((INDArray) value).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup().data().asDouble();
        }
        throw new IllegalArgumentException("Rescaling: `" + key + "` must be a number or a flat list of numbers (one per channel), got " + value);
    }
}
