package io.keras4j.layers;

import io.keras4j.constraints.Constraint;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.InputSpec;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.regularizers.Regularizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The parametric rectified linear unit, as keras/src/layers/activations/prelu.py {@code PReLU}:
 * {@code f(x) = relu(x) - alpha * relu(-x)} with a learned {@code alpha} of shape {@code input_shape[1:]},
 * size 1 along {@code shared_axes}. Defaults: alpha_initializer "Zeros", no regularizer or constraint, no shared
 * axes. Output shape = input shape.
 * <pre>{@code new PReLU().sharedAxes(1, 2)}   // one alpha per channel of (batch, h, w, c)</pre>
 */
public class PReLU extends Layer {
    private Initializer alphaInitializer = Initializers.get("zeros");
    private Regularizer alphaRegularizer;
    private Constraint alphaConstraint;
    private int[] sharedAxes;
    private Variable alpha;

    /** Passes the input mask on, as Keras's {@code supports_masking = True} for this layer. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    public PReLU alphaInitializer(String initializer) {
        return alphaInitializer(Initializers.get(initializer));
    }

    public PReLU alphaInitializer(Initializer initializer) {
        this.alphaInitializer = initializer;
        return this;
    }

    public PReLU alphaRegularizer(Regularizer regularizer) {
        this.alphaRegularizer = regularizer;
        return this;
    }

    public PReLU alphaConstraint(Constraint constraint) {
        this.alphaConstraint = constraint;
        return this;
    }

    /** The axes (counting the batch axis as 0) along which alpha is shared; null for none. */
    public PReLU sharedAxes(int... sharedAxes) {
        if (sharedAxes != null) {
            for (int a : sharedAxes) {
                if (a < 1) {
                    throw new IllegalArgumentException("PReLU: shared_axes must be positive (axis 0 is the batch), got "
                            + Arrays.toString(sharedAxes));
                }
            }
        }
        this.sharedAxes = sharedAxes == null ? null : sharedAxes.clone();
        return this;
    }

    /** The learned slopes; null before build. */
    public Variable alpha() {
        return alpha;
    }

    @Override
    protected void build(long[] inputShape) {
        long[] paramShape = Arrays.copyOfRange(inputShape, 1, inputShape.length);
        if (sharedAxes != null) {
            for (int a : sharedAxes) {
                if (a >= inputShape.length) {
                    throw new IllegalArgumentException("PReLU \"" + name() + "\": shared axis " + a + " is out of range for input shape "
                            + io.keras4j.engine.Shapes.format(inputShape));
                }
                paramShape[a - 1] = 1;
            }
        }
        for (long d : paramShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("PReLU \"" + name() + "\" needs every non-shared input axis known, got "
                        + io.keras4j.engine.Shapes.format(inputShape));
            }
        }
        alpha = addWeight("alpha", paramShape, alphaInitializer, alphaRegularizer, alphaConstraint, true);
        InputSpec spec = new InputSpec().ndim(inputShape.length);
        for (int i = 1; i < inputShape.length; i++) {
            if (!isShared(i)) {
                spec.axis(i, inputShape[i]);
            }
        }
        setInputSpec(0, spec);
    }

    private boolean isShared(int axis) {
        return sharedAxes != null && Arrays.stream(sharedAxes).anyMatch(a -> a == axis);
    }

    /** alpha as an array of the input's rank (leading 1), broadcast to {@code shape}. */
    private INDArray alphaLike(long[] shape) {
        long[] withBatch = new long[shape.length];
        withBatch[0] = 1;
        System.arraycopy(alpha.value().shape(), 0, withBatch, 1, shape.length - 1);
        return alpha.value().reshape(withBatch).broadcast(shape);
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        INDArray y = ctx.buffer("y", input.dataType(), input.shape());
        INDArray negative = Transforms.min(input, 0.0, true);
        y.assign(Transforms.relu(input, true).addi(negative.muli(alphaLike(input.shape()))));
        ctx.save("x", input);
        return y;
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        INDArray x = ctx.saved("x");
        // d/dalpha = sum over batch and shared axes of dy * min(x, 0)
        INDArray perElement = Transforms.min(x, 0.0, true).muli(gradOutput);
        List<Integer> reduce = new ArrayList<>();
        reduce.add(0);
        for (int i = 1; i < x.rank(); i++) {
            if (alpha.value().size(i - 1) == 1 && x.size(i) != 1) {
                reduce.add(i);
            }
        }
        INDArray summed = perElement.sum(true, reduce.stream().mapToInt(Integer::intValue).toArray());
        alpha.addGradient(summed.reshape(alpha.value().shape()));
        if (!ctx.needsInputGradient(0)) {
            return null;
        }
        // dx = dy * (x > 0 ? 1 : alpha)
        INDArray positive = Transforms.step(x, true);
        INDArray slope = alphaLike(x.shape()).mul(positive.rsub(1.0)).addi(positive);
        INDArray dx = ctx.buffer("dx", x.dataType(), x.shape());
        return dx.assign(slope.muli(gradOutput));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("alpha_initializer", alphaInitializer);
        config.put("alpha_regularizer", alphaRegularizer);
        config.put("alpha_constraint", alphaConstraint);
        config.put("shared_axes", sharedAxes == null ? null : sharedAxes.clone());
        return config;
    }

    /** A PReLU layer from its Keras config. */
    public static PReLU fromConfig(Map<String, Object> map) {
        Config c = new Config("PReLU", map).allow("alpha_initializer", "alpha_regularizer", "alpha_constraint", "shared_axes");
        PReLU layer = new PReLU()
                .alphaInitializer(c.initializer("alpha_initializer", "zeros"))
                .alphaRegularizer(c.regularizer("alpha_regularizer"))
                .alphaConstraint(c.constraint("alpha_constraint"));
        if (c.has("shared_axes")) {
            layer.sharedAxes(Arrays.stream(c.getLongs("shared_axes")).mapToInt(l -> (int) l).toArray());
        }
        return c.applyBase(layer);
    }
}
