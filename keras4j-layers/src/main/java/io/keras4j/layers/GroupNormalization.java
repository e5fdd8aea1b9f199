package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.InputSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Normalizes groups of channels, as keras/src/layers/normalization/group_normalization.py
 * {@code GroupNormalization}: the {@code C} channels on {@code axis} are split into {@code groups} groups of
 * {@code C / groups}; each sample is standardized per group over the group's channels and all other non-batch
 * axes, then {@code gamma * x_hat + beta} per channel. {@code groups = -1} is instance normalization
 * (one group per channel); {@code groups = 1} is layer normalization over all axes.
 *
 * <p>Defaults: groups 32, axis -1, epsilon 1e-3, center and scale true. Output shape equals input shape.
 * <pre>{@code new GroupNormalization(8)}</pre>
 */
public class GroupNormalization extends AffineNormalization<GroupNormalization> {
    private final int groups;
    private int axis = -1;
    private int resolvedGroups;

    public GroupNormalization() {
        this(32);
    }

    /** @param groups the number of groups, a divisor of the channel count, or -1 for one group per channel */
    public GroupNormalization(int groups) {
        if (groups <= 0 && groups != -1) {
            throw new IllegalArgumentException("GroupNormalization: received an invalid value for argument `groups`, expected a positive "
                    + "integer (or -1 for instance normalization), got " + groups);
        }
        this.groups = groups;
    }

    /** The channels axis (negative counts from the end). */
    public GroupNormalization axis(int axis) {
        this.axis = axis;
        return this;
    }

    @Override
    protected void build(long[] inputShape) {
        int a = canonicalAxis(axis, inputShape.length);
        long channels = inputShape[a];
        resolvedGroups = groups == -1 ? (int) channels : groups;
        if (channels <= 0 || channels < resolvedGroups || channels % resolvedGroups != 0) {
            throw new IllegalArgumentException("GroupNormalization \"" + name() + "\": the number of groups (" + resolvedGroups
                    + ") must divide the number of channels (" + channels + ") on axis " + axis);
        }
        setInputSpec(0, new InputSpec().ndim(inputShape.length).axis(a, channels));
        addGammaBeta(new long[]{channels}, scale, center);
    }

    /** The input shape with the channel axis split into (groups, channels / groups). */
    private long[] grouped(long[] shape, int a) {
        long[] out = new long[shape.length + 1];
        System.arraycopy(shape, 0, out, 0, a);
        out[a] = resolvedGroups;
        out[a + 1] = shape[a] / resolvedGroups;
        System.arraycopy(shape, a + 1, out, a + 2, shape.length - a - 1);
        return out;
    }

    private static int[] groupReduction(int rank, int a) {
        return java.util.stream.IntStream.range(1, rank + 1).filter(d -> d != a).toArray();
    }

    @Override
    protected INDArray call(INDArray x, CallContext ctx) {
        int a = canonicalAxis(axis, x.rank());
        INDArray g = x.reshape('c', grouped(x.shape(), a));
        int[] reduce = groupReduction(x.rank(), a);
        INDArray inv = Standardize.inverseStd(g, reduce, epsilon);
        INDArray xHat = Standardize.forward(g, reduce, inv).reshape('c', x.shape());
        ctx.save("inv", inv);
        ctx.save("xHat", xHat);
        return affine(xHat, Standardize.broadcastShape(x.shape(), new int[]{a}));
    }

    @Override
    protected INDArray backward(INDArray dy, CallContext ctx) {
        INDArray xHat = ctx.saved("xHat");
        int a = canonicalAxis(axis, xHat.rank());
        INDArray dxHat = affineBackward(xHat, dy, Standardize.broadcastShape(xHat.shape(), new int[]{a}),
                Standardize.complement(xHat.rank(), new int[]{a}));
        long[] grouped = grouped(xHat.shape(), a);
        INDArray dx = Standardize.backward(xHat.reshape('c', grouped), ctx.saved("inv"), dxHat.reshape('c', grouped),
                groupReduction(xHat.rank(), a));
        return dx.reshape('c', xHat.shape());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("groups", groups);
        config.put("axis", axis);
        putAffineConfig(config);
        putPenaltyConfig(config);
        return config;
    }

    /** A GroupNormalization layer from its Keras config. */
    public static GroupNormalization fromConfig(Map<String, Object> map) {
        Config c = new Config("GroupNormalization", map).allow("groups", "axis", "epsilon", "center", "scale",
                "beta_initializer", "gamma_initializer", "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint");
        return new GroupNormalization(c.getInt("groups", 32)).axis(c.getInt("axis", -1)).applyAffineConfig(c, 1e-3);
    }
}
