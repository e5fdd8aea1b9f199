package io.keras4j.layers;

import io.keras4j.backend.Backend;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dot product of two samples along given axes, as keras/src/layers/merging/dot.py {@code Dot}
 * ({@code batch_dot}): for inputs of shapes {@code (batch, ..., k, ...)} the output has the remaining axes of the
 * first input followed by those of the second, or {@code (batch, 1)} when none remain. With {@code normalize}
 * both inputs are first L2-normalized along their dot axes (the result is then the cosine proximity).
 * {@code axes} is one axis for both inputs or a pair; the batch axis 0 cannot be used.
 * <pre>{@code KerasTensor cos = new Dot(1).normalize(true).apply(a, b);}</pre>
 */
public class Dot extends Layer {
    private final int[] axes;
    private final boolean pair;
    private boolean normalize;

    /** @param axes the axis of both inputs to take the dot product along */
    public Dot(int axes) {
        this.axes = new int[]{axes, axes};
        this.pair = false;
    }

    /**
     * A dot product along a different axis of each input, as Keras's {@code axes=(axis1, axis2)}.
     *
     * @param axis1 the axis of the first input
     * @param axis2 the axis of the second input
     */
    public Dot(int axis1, int axis2) {
        this.axes = new int[]{axis1, axis2};
        this.pair = true;
    }

    /** Whether to L2-normalize the inputs along the dot axes first. */
    public Dot normalize(boolean normalize) {
        this.normalize = normalize;
        return this;
    }

    /** The dot axes for inputs of the given ranks, as Keras resolves them (negatives counted from the end). */
    private int[] resolve(List<long[]> shapes) {
        if (shapes.size() != 2) {
            throw new IllegalArgumentException("Dot \"" + name() + "\" should be called on a list of 2 inputs, got "
                    + shapes.size() + ": " + Shapes.format(shapes));
        }
        int r1 = shapes.get(0).length;
        int r2 = shapes.get(1).length;
        int a1 = axes[0] < 0 ? axes[0] + r1 : axes[0];
        int a2 = axes[1] < 0 ? axes[1] + r2 : axes[1];
        if (r1 < 2 || r2 < 2 || a1 <= 0 || a2 <= 0 || a1 >= r1 || a2 >= r2) {
            throw new IllegalArgumentException("Dot \"" + name() + "\": axes " + axesString() + " are invalid for input shapes "
                    + Shapes.format(shapes) + " (inputs need rank >= 2 and the batch axis 0 cannot be used)");
        }
        long d1 = shapes.get(0)[a1];
        long d2 = shapes.get(1)[a2];
        if (d1 >= 0 && d2 >= 0 && d1 != d2) {
            throw new IllegalArgumentException("Dot \"" + name() + "\": incompatible input shapes: axis values " + d1 + " (at axis "
                    + a1 + ") != " + d2 + " (at axis " + a2 + "). Full input shapes: " + Shapes.format(shapes));
        }
        return new int[]{a1, a2};
    }

    private String axesString() {
        return pair ? "[" + axes[0] + ", " + axes[1] + "]" : Integer.toString(axes[0]);
    }

    @Override
    protected void build(List<long[]> inputShapes) {
        resolve(inputShapes);
    }

    @Override
    public List<long[]> computeOutputShapes(List<long[]> shapes) {
        int[] a = resolve(shapes);
        List<Long> out = new ArrayList<>();
        out.add(shapes.get(0)[0]);
        for (int k = 0; k < 2; k++) {
            long[] s = shapes.get(k);
            for (int d = 1; d < s.length; d++) {
                if (d != a[k]) {
                    out.add(s[d]);
                }
            }
        }
        if (out.size() == 1) {
            out.add(1L);
        }
        return List.of(out.stream().mapToLong(Long::longValue).toArray());
    }

    /** The permutation moving {@code axis} to position {@code to} (1 or last), keeping the others in order. */
    private static int[] permutation(int rank, int axis, boolean toLast) {
        int[] perm = new int[rank];
        int j = 0;
        perm[j++] = 0;
        if (!toLast) {
            perm[j++] = axis;
        }
        for (int d = 1; d < rank; d++) {
            if (d != axis) {
                perm[j++] = d;
            }
        }
        if (toLast) {
            perm[j] = axis;
        }
        return perm;
    }

    private static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[perm[i]] = i;
        }
        return inv;
    }

    @Override
    public INDArray[] call(INDArray[] inputs, CallContext ctx) {
        List<long[]> shapes = List.of(inputs[0].shape(), inputs[1].shape());
        int[] a = resolve(shapes);
        INDArray x = inputs[0];
        INDArray y = inputs[1];
        if (normalize) {
            INDArray invX = L2Normalize.inverseNorm(x, a[0], Backend.epsilon());
            INDArray invY = L2Normalize.inverseNorm(y, a[1], Backend.epsilon());
            ctx.save("inv", new INDArray[]{invX, invY});
            x = L2Normalize.forward(x, invX);
            y = L2Normalize.forward(y, invY);
        }
        long batch = x.size(0);
        long k = x.size(a[0]);
        INDArray x3 = x.permute(permutation(x.rank(), a[0], true)).dup('c').reshape('c', batch, -1, k);
        INDArray y3 = y.permute(permutation(y.rank(), a[1], false)).dup('c').reshape('c', batch, k, -1);
        INDArray r = Nd4j.matmul(x3, y3);
        ctx.save("inputs", inputs);
        ctx.save("xy3", new INDArray[]{x3, y3});
        long[] outShape = computeOutputShapes(shapes).get(0);
        outShape[0] = batch;
        return new INDArray[]{r.reshape('c', outShape)};
    }

    @Override
    public INDArray[] backward(INDArray[] outputGradients, CallContext ctx) {
        INDArray[] inputs = ctx.saved("inputs");
        INDArray[] xy3 = ctx.saved("xy3");
        int[] a = resolve(List.of(inputs[0].shape(), inputs[1].shape()));
        INDArray x3 = xy3[0];
        INDArray y3 = xy3[1];
        INDArray dr = outputGradients[0].reshape('c', x3.size(0), x3.size(1), y3.size(2));
        INDArray dx3 = Nd4j.matmul(dr, y3, false, true, false);
        INDArray dy3 = Nd4j.matmul(x3, dr, true, false, false);
        INDArray[] grads = new INDArray[2];
        boolean[] toLast = {true, false};
        INDArray[] d3 = {dx3, dy3};
        for (int i = 0; i < 2; i++) {
            INDArray in = inputs[i];
            int[] perm = permutation(in.rank(), a[i], toLast[i]);
            long[] permuted = new long[perm.length];
            for (int d = 0; d < perm.length; d++) {
                permuted[d] = in.size(perm[d]);
            }
            INDArray g = d3[i].reshape('c', permuted).permute(inverse(perm)).dup('c');
            if (normalize) {
                INDArray[] inv = ctx.saved("inv");
                g = L2Normalize.backward(in, inv[i], g, a[i], Backend.epsilon());
            }
            grads[i] = g;
        }
        return grads;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("axes", pair ? List.of(axes[0], axes[1]) : axes[0]);
        config.put("normalize", normalize);
        return config;
    }

    /** A Dot layer from its Keras config ({@code axes} an int or a pair). */
    public static Dot fromConfig(Map<String, Object> map) {
        Config c = new Config("Dot", map).allow("axes", "normalize");
        long[] axes = c.getLongs("axes");
        Dot dot;
        if (c.raw("axes") instanceof Number) {
            dot = new Dot((int) axes[0]);
        } else if (axes.length == 2) {
            dot = new Dot((int) axes[0], (int) axes[1]);
        } else {
            throw new IllegalArgumentException("Dot: argument `axes` must be an int or a list of two ints, got " + c.raw("axes"));
        }
        return c.applyBase(dot.normalize(c.getBoolean("normalize", false)));
    }
}
