package io.keras4j.engine;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a layer accepts as one input, as {@code keras.InputSpec}: a minimum or exact rank and fixed
 * sizes of given axes (negative axes count from the end). Checked when the layer is applied and when
 * a model receives data, so a wrong input fails with the layer's name and both shapes.
 */
public final class InputSpec {
    private int ndim = -1;
    private int minNdim = -1;
    private final Map<Integer, Long> axes = new TreeMap<>();

    /** Requires exactly {@code ndim} dimensions, batch axis included. */
    public InputSpec ndim(int ndim) {
        this.ndim = ndim;
        return this;
    }

    /** Requires at least {@code minNdim} dimensions, batch axis included. */
    public InputSpec minNdim(int minNdim) {
        this.minNdim = minNdim;
        return this;
    }

    /** Requires {@code axis} (negative counts from the end) to have size {@code size}. */
    public InputSpec axis(int axis, long size) {
        axes.put(axis, size);
        return this;
    }

    /**
     * Returns null when {@code shape} satisfies the spec, else the reason, phrased as Keras does:
     * "expected axis -1 of input shape to have value 784, but received input with shape (128, 780)".
     */
    String mismatch(long[] shape) {
        String got = "received input with shape " + Shapes.format(shape);
        if (ndim >= 0 && shape.length != ndim) {
            return "expected ndim=" + ndim + ", found ndim=" + shape.length + "; " + got;
        }
        if (minNdim >= 0 && shape.length < minNdim) {
            return "expected min_ndim=" + minNdim + ", found ndim=" + shape.length + "; " + got;
        }
        for (Map.Entry<Integer, Long> e : axes.entrySet()) {
            int axis = e.getKey() < 0 ? shape.length + e.getKey() : e.getKey();
            if (axis < 0 || axis >= shape.length || (shape[axis] >= 0 && shape[axis] != e.getValue())) {
                return "expected axis " + e.getKey() + " of input shape to have value " + e.getValue() + ", but " + got;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "InputSpec(ndim=" + ndim + ", min_ndim=" + minNdim + ", axes=" + axes + ")";
    }

    static String formatConcrete(long[] shape) {
        return Arrays.toString(shape);
    }
}
