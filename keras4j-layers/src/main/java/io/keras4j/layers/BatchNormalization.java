package io.keras4j.layers;

import io.keras4j.backend.Blas;
import io.keras4j.backend.Threads;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.InputSpec;
import io.keras4j.engine.Shapes;
import io.keras4j.engine.Variable;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

/**
 * Normalizes its inputs per feature, as keras/src/layers/normalization/batch_normalization.py
 * {@code BatchNormalization}: {@code gamma * (x - mean) / sqrt(var + epsilon) + beta}, per index of
 * {@code axis}.
 *
 * <p>In training mode (and when the layer is trainable) {@code mean} and {@code var} are the statistics of
 * the batch (biased variance) over every axis but {@code axis}, and the non-trainable weights are updated
 * as {@code moving = moving * momentum + batch * (1 - momentum)}; otherwise the moving statistics are used. With a
 * mask (from an upstream {@code Embedding(maskZero)} or {@code Masking}) the batch statistics are taken over the kept
 * positions only ({@link MaskedMoments}), as Keras's {@code _moments(inputs, mask)}; the mask passes on.
 * Weights in Keras's order: gamma, beta, moving_mean, moving_variance, each of shape {@code (C,)}.
 * Defaults: axis -1, momentum 0.99, epsilon 1e-3, center and scale true. Output shape equals input shape.
 * The forward pass and the training backward pass run ND4J's native {@code batchnorm}/{@code batchnorm_bp}.
 * <pre>{@code new BatchNormalization().momentum(0.9)}</pre>
 */
public class BatchNormalization extends AffineNormalization<BatchNormalization> {
    private int axis = -1;
    private double momentum = 0.99;
    private Initializer movingMeanInitializer = Initializers.get("zeros");
    private Initializer movingVarianceInitializer = Initializers.get("ones");
    private Variable movingMean;
    private Variable movingVariance;

    /** The normalized axis (negative counts from the end), usually the channels axis. */
    public BatchNormalization axis(int axis) {
        this.axis = axis;
        return this;
    }

    /** The momentum of the moving average, in [0, 1]. */
    public BatchNormalization momentum(double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNormalization: argument `momentum` must be in [0, 1], got " + momentum);
        }
        this.momentum = momentum;
        return this;
    }

    public BatchNormalization movingMeanInitializer(Initializer initializer) {
        this.movingMeanInitializer = initializer;
        return this;
    }

    public BatchNormalization movingVarianceInitializer(Initializer initializer) {
        this.movingVarianceInitializer = initializer;
        return this;
    }

    /** The moving mean, shape {@code (C,)}; null before build. */
    public Variable movingMean() {
        return movingMean;
    }

    /** The moving variance, shape {@code (C,)}; null before build. */
    public Variable movingVariance() {
        return movingVariance;
    }

    @Override
    protected void build(long[] inputShape) {
        int a = canonicalAxis(axis, inputShape.length);
        long channels = inputShape[a];
        if (channels <= 0) {
            throw new IllegalArgumentException("BatchNormalization \"" + name() + "\": axis " + axis
                    + " of the input must have a known size, got input shape " + Shapes.format(inputShape));
        }
        long[] shape = {channels};
        addGammaBeta(shape, scale, center);
        movingMean = addWeight("moving_mean", shape, movingMeanInitializer, null, null, false);
        movingVariance = addWeight("moving_variance", shape, movingVarianceInitializer, null, null, false);
        setInputSpec(0, new InputSpec().ndim(inputShape.length).axis(a, channels));
    }

    @Override
    protected INDArray call(INDArray x, CallContext ctx) {
        int a = canonicalAxis(axis, x.rank());
        boolean batchStats = ctx.training() && trainable();
        INDArray mean;
        INDArray variance;
        INDArray mask = batchStats ? ctx.inputMask(0) : null;
        MaskedMoments masked = null;
        if (batchStats) {
            int[] reduce = reductionAxes(x.rank(), a);
            if (mask != null) {
                masked = new MaskedMoments(name(), x, mask, a, reduce);
                mean = masked.mean;
                variance = masked.variance;
            } else {
                mean = x.mean(reduce);
                variance = x.var(false, reduce);
            }
            movingMean.value().muli(momentum);
            Blas.axpy(1 - momentum, mean.castTo(movingMean.value().dataType()), movingMean.value());
            movingVariance.value().muli(momentum);
            Blas.axpy(1 - momentum, variance.castTo(movingVariance.value().dataType()), movingVariance.value());
        } else {
            mean = movingMean.value();
            variance = movingVariance.value();
        }
        INDArray y = ctx.buffer("y", x.dataType(), x.shape());
        Threads.execParallel(op("batchnorm", x, mean, variance, null, a).addOutputs(y).build());
        ctx.save("x", x);
        ctx.save("stats", List.of(mean, variance));
        ctx.save("batchStats", batchStats);
        ctx.save("masked", java.util.Optional.ofNullable(masked));
        return y;
    }

    @Override
    protected INDArray backward(INDArray dy, CallContext ctx) {
        INDArray x = ctx.saved("x");
        List<INDArray> stats = ctx.saved("stats");
        int a = canonicalAxis(axis, x.rank());
        long channels = x.size(a);
        INDArray dx = ctx.buffer("dx", x.dataType(), x.shape());
        INDArray dMean = ctx.buffer("dMean", x.dataType(), channels);
        INDArray dVariance = ctx.buffer("dVariance", x.dataType(), channels);
        INDArray dGamma = gamma == null ? null : ctx.buffer("dGamma", x.dataType(), channels);
        INDArray dBeta = beta == null ? null : ctx.buffer("dBeta", x.dataType(), channels);
        java.util.Optional<MaskedMoments> masked = ctx.saved("masked");
        if (masked.isPresent()) {
            INDArray dxMasked = masked.get().backward(x, dy, gamma == null ? null : gamma.value(), epsilon, dGamma, dBeta);
            if (gamma != null) {
                gamma.addGradient(dGamma);
            }
            if (beta != null) {
                beta.addGradient(dBeta);
            }
            return dxMasked;
        }
        List<INDArray> outputs = new java.util.ArrayList<>(List.of(dx, dMean, dVariance));
        if (dGamma != null) {
            outputs.add(dGamma);
        }
        if (dBeta != null) {
            outputs.add(dBeta);
        }
        DynamicCustomOp.DynamicCustomOpsBuilder bp = op("batchnorm_bp", x, stats.get(0), stats.get(1), dy, a)
                .addOutputs(outputs.toArray(new INDArray[0]));
        Threads.execParallel(bp.build());
        if (gamma != null) {
            gamma.addGradient(dGamma);
        }
        if (beta != null) {
            beta.addGradient(dBeta);
        }
        if (!(Boolean) ctx.saved("batchStats")) {
            INDArray factor = Transforms.pow(stats.get(1).add(epsilon), -0.5, false);
            if (gamma != null) {
                factor.muli(gamma.value());
            }
            long[] broadcast = new long[x.rank()];
            java.util.Arrays.fill(broadcast, 1);
            broadcast[a] = channels;
            dx.assign(dy.mul(factor.reshape(broadcast)));
        }
        return dx;
    }

    /** The native op with the layer's inputs (x, mean, variance, gamma?, beta?, extra?) and arguments. */
    private DynamicCustomOp.DynamicCustomOpsBuilder op(String name, INDArray x, INDArray mean, INDArray variance,
                                                       INDArray extra, int a) {
        List<INDArray> inputs = new java.util.ArrayList<>(List.of(x, mean, variance));
        if (gamma != null) {
            inputs.add(gamma.value());
        }
        if (beta != null) {
            inputs.add(beta.value());
        }
        if (extra != null) {
            inputs.add(extra);
        }
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder(name).addInputs(inputs.toArray(new INDArray[0]));
        return b.addIntegerArguments(gamma != null ? 1 : 0, beta != null ? 1 : 0, a).addFloatingPointArguments(epsilon);
    }

    private static int[] reductionAxes(int rank, int a) {
        int[] axes = new int[rank - 1];
        for (int i = 0, j = 0; i < rank; i++) {
            if (i != a) {
                axes[j++] = i;
            }
        }
        return axes;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("axis", axis);
        config.put("momentum", momentum);
        putAffineConfig(config);
        config.put("moving_mean_initializer", movingMeanInitializer);
        config.put("moving_variance_initializer", movingVarianceInitializer);
        putPenaltyConfig(config);
        config.put("synchronized", false);
        config.put("renorm", false);
        config.put("renorm_clipping", null);
        config.put("renorm_momentum", 0.99);
        return config;
    }

    /** A BatchNormalization layer from its Keras config (Keras 3, 2, and Keras 1's {@code mode} 0). */
    public static BatchNormalization fromConfig(Map<String, Object> map) {
        Config c = new Config("BatchNormalization", map).allow("axis", "momentum", "epsilon", "center", "scale",
                "beta_initializer", "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer",
                "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint", "synchronized",
                "renorm", "renorm_clipping", "renorm_momentum", "mode", "adjustment", "fused", "virtual_batch_size");
        if (c.getBoolean("renorm", false)) {
            throw new IllegalArgumentException("BatchNormalization: renorm=true is not supported");
        }
        if (c.getInt("mode", 0) != 0) {
            throw new IllegalArgumentException("BatchNormalization: only Keras 1 mode 0 (feature-wise) is supported, got mode "
                    + c.getInt("mode"));
        }
        if (c.has("virtual_batch_size") || c.has("adjustment")) {
            throw new IllegalArgumentException("BatchNormalization: virtual_batch_size and adjustment are not supported");
        }
        long[] axes = c.has("axis") ? c.getLongs("axis") : new long[]{-1};
        if (axes.length != 1) {
            throw new IllegalArgumentException("BatchNormalization: axis must be a single integer, got " + java.util.Arrays.toString(axes));
        }
        BatchNormalization bn = new BatchNormalization().axis((int) axes[0]).momentum(c.getDouble("momentum", 0.99))
                .movingMeanInitializer(c.initializer("moving_mean_initializer", "zeros"))
                .movingVarianceInitializer(c.initializer("moving_variance_initializer", "ones"));
        return bn.applyAffineConfig(c, 1e-3);
    }
}
