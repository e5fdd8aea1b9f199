package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Permutes the non-batch axes, as keras/src/layers/reshaping/permute.py {@code Permute}: {@code dims} is a
 * permutation of {@code 1..rank-1} (1-indexed; the batch axis stays first). {@code new Permute(2, 1)} swaps
 * the two axes of a sequence: {@code (batch, a, b)} becomes {@code (batch, b, a)}.
 */
public class Permute extends Layer {
    private final int[] dims;

    /** @param dims a permutation of 1..n */
    public Permute(int... dims) {
        boolean[] seen = new boolean[dims.length + 1];
        for (int d : dims) {
            if (d < 1 || d > dims.length || seen[d]) {
                throw new IllegalArgumentException("Permute: invalid permutation argument `dims` " + java.util.Arrays.toString(dims)
                        + "; it must be a permutation of 1.." + dims.length);
            }
            seen[d] = true;
        }
        this.dims = dims.clone();
    }

    private int[] forward(int rank) {
        if (rank != dims.length + 1) {
            throw new IllegalArgumentException("Permute \"" + name() + "\": dims " + java.util.Arrays.toString(dims)
                    + " need inputs of rank " + (dims.length + 1) + ", got rank " + rank);
        }
        int[] perm = new int[rank];
        for (int i = 0; i < dims.length; i++) {
            perm[i + 1] = dims[i];
        }
        return perm;
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        int[] perm = forward(inputShape.length);
        long[] out = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = inputShape[perm[i]];
        }
        return out;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        return input.permute(forward(input.rank())).dup('c');
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        int[] perm = forward(gradOutput.rank());
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[perm[i]] = i;
        }
        return gradOutput.permute(inverse).dup('c');
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        List<Integer> list = new ArrayList<>();
        for (int d : dims) {
            list.add(d);
        }
        config.put("dims", list);
        return config;
    }

    /** A Permute layer from its Keras config. */
    public static Permute fromConfig(Map<String, Object> map) {
        Config c = new Config("Permute", map).allow("dims");
        return c.applyBase(new Permute(java.util.Arrays.stream(c.getLongs("dims")).mapToInt(l -> (int) l).toArray()));
    }
}
