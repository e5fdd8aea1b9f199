package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * Passes its input through and adds an activity penalty to the loss, as
 * keras/src/layers/regularization/activity_regularization.py {@code ActivityRegularization} with Keras 3's
 * {@code Layer.__call__} normalization by the batch size:
 * {@code loss += (l1 * sum(|x|) + l2 * sum(x^2)) / batch_size}. The backward pass adds the penalty's gradient
 * {@code (l1 * sign(x) + 2 * l2 * x) / batch_size} to the incoming one. Defaults l1 = l2 = 0.
 */
public class ActivityRegularization extends Layer {
    private final double l1;
    private final double l2;

    /** Passes the input mask on, as Keras's {@code supports_masking = True} for this layer. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    public ActivityRegularization() {
        this(0.0, 0.0);
    }

    /** @param l1 the L1 factor, @param l2 the L2 factor (both >= 0) */
    public ActivityRegularization(double l1, double l2) {
        if (!(l1 >= 0 && l2 >= 0)) {
            throw new IllegalArgumentException("ActivityRegularization: arguments `l1` and `l2` must be >= 0, got l1=" + l1 + ", l2=" + l2);
        }
        this.l1 = l1;
        this.l2 = l2;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        double batch = input.rank() == 0 ? 1 : Math.max(1, input.size(0));
        double penalty = 0;
        if (l1 != 0) {
            penalty += l1 * input.norm1Number().doubleValue();
        }
        if (l2 != 0) {
            double norm = input.norm2Number().doubleValue();
            penalty += l2 * norm * norm;
        }
        ctx.addLoss(penalty / batch);
        ctx.save("x", input);
        return input;
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        INDArray x = ctx.saved("x");
        double batch = x.rank() == 0 ? 1 : Math.max(1, x.size(0));
        INDArray dx = gradOutput.dup();
        if (l1 != 0) {
            dx.addi(Transforms.sign(x, true).muli(l1 / batch));
        }
        if (l2 != 0) {
            dx.addi(x.mul(2 * l2 / batch));
        }
        return dx;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("l1", l1);
        config.put("l2", l2);
        return config;
    }

    /** An ActivityRegularization layer from its Keras config. */
    public static ActivityRegularization fromConfig(Map<String, Object> map) {
        Config c = new Config("ActivityRegularization", map).allow("l1", "l2", "activity_regularizer");
        return c.applyBase(new ActivityRegularization(c.getDouble("l1", 0.0), c.getDouble("l2", 0.0)));
    }
}
