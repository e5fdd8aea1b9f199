package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reshapes each sample to {@code targetShape}, as keras/src/layers/reshaping/reshape.py {@code Reshape};
 * one dimension may be -1 and is inferred. Input {@code (batch, ...)}; output {@code (batch, *targetShape)}.
 */
public class Reshape extends Layer {
    private final long[] targetShape;

    /** @param targetShape the sample shape without the batch axis; at most one -1 */
    public Reshape(long... targetShape) {
        int unknown = 0;
        for (long d : targetShape) {
            if (d == -1) {
                unknown++;
            } else if (d <= 0) {
                throw new IllegalArgumentException("Reshape: target_shape dimensions must be positive or -1, got "
                        + java.util.Arrays.toString(targetShape));
            }
        }
        if (unknown > 1) {
            throw new IllegalArgumentException("Reshape: at most one dimension of target_shape can be -1, got "
                    + java.util.Arrays.toString(targetShape));
        }
        this.targetShape = targetShape.clone();
    }

    public Reshape(int... targetShape) {
        this(java.util.Arrays.stream(targetShape).asLongStream().toArray());
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        long[] out = new long[targetShape.length + 1];
        out[0] = inputShape[0];
        long known = 1;
        int unknownAt = -1;
        for (int i = 0; i < targetShape.length; i++) {
            out[i + 1] = targetShape[i];
            if (targetShape[i] == -1) {
                unknownAt = i + 1;
            } else {
                known *= targetShape[i];
            }
        }
        long size = Shapes.featureSize(inputShape);
        if (unknownAt >= 0) {
            out[unknownAt] = size < 0 ? -1 : size / known;
        }
        if (size >= 0 && (unknownAt >= 0 ? size % known != 0 : size != known)) {
            throw new IllegalArgumentException("Reshape \"" + name() + "\": the total size of the new shape must be unchanged; "
                    + "input shape " + Shapes.format(inputShape) + ", target shape " + java.util.Arrays.toString(targetShape));
        }
        return out;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        long[] shape = computeOutputShape(batchless(input.shape()));
        shape[0] = input.size(0);
        ctx.save("shape", input.shape());
        return input.reshape('c', shape);
    }

    private static long[] batchless(long[] shape) {
        long[] s = shape.clone();
        s[0] = -1;
        return s;
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        long[] shape = ctx.saved("shape");
        return gradOutput.reshape('c', shape);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        List<Long> shape = new ArrayList<>();
        for (long d : targetShape) {
            shape.add(d);
        }
        config.put("target_shape", shape);
        return config;
    }

    /** A Reshape layer from its Keras config. */
    public static Reshape fromConfig(Map<String, Object> map) {
        Config c = new Config("Reshape", map).allow("target_shape");
        return c.applyBase(new Reshape(c.getLongs("target_shape")));
    }
}
