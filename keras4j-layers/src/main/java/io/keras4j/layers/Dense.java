package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.backend.Blas;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.InputSpec;
import io.keras4j.engine.Variable;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The densely connected layer, as keras/src/layers/core/dense.py {@code Dense}:
 * {@code output = activation(dot(input, kernel) + bias)}, with {@code kernel} of shape
 * {@code (input_dim, units)} (Keras's layout) and {@code bias} of shape {@code (units,)}. An input of rank
 * above 2 is multiplied along its last axis.
 *
 * <p>Input shape {@code (batch, ..., input_dim)}; output shape {@code (batch, ..., units)}.
 * Defaults: no activation, use_bias true, kernel "glorot_uniform", bias "zeros".
 * <pre>{@code new Dense(64).activation("relu")}  or  {@code new Dense(10, "softmax")}</pre>
 */
public class Dense extends KernelBiasLayer<Dense> {
    private final int units;
    private ActivationFunction activation = Activations.get("linear");
    private boolean useBias = true;
    private Variable kernel;
    private Variable bias;

    /** Passes the input mask on, as Keras's {@code supports_masking = True} for this layer. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    /** @param units dimensionality of the output space (positive) */
    public Dense(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense: received an invalid value for argument `units`, expected a positive integer, got " + units);
        }
        this.units = units;
    }

    /** Keras's {@code Dense(units, activation)}. */
    public Dense(int units, String activation) {
        this(units);
        activation(activation);
    }

    public int units() {
        return units;
    }

    /** The activation, by Keras identifier ("relu"); null for none. */
    public Dense activation(String activation) {
        this.activation = Activations.get(activation);
        return this;
    }

    public Dense activation(ActivationFunction activation) {
        this.activation = activation;
        return this;
    }

    public Dense useBias(boolean useBias) {
        this.useBias = useBias;
        return this;
    }

    /** The kernel, shape {@code (input_dim, units)}; null before build. */
    public Variable kernel() {
        return kernel;
    }

    /** The bias, shape {@code (units,)}; null before build or without bias. */
    public Variable bias() {
        return bias;
    }

    @Override
    protected void build(long[] inputShape) {
        long inputDim = inputShape[inputShape.length - 1];
        if (inputShape.length < 2 || inputDim <= 0) {
            throw new IllegalArgumentException("Dense \"" + name() + "\" needs an input of rank >= 2 with a known last axis, got "
                    + io.keras4j.engine.Shapes.format(inputShape));
        }
        kernel = addKernel("kernel", new long[]{inputDim, units});
        if (useBias) {
            bias = addBias("bias", new long[]{units});
        }
        setInputSpec(0, new InputSpec().minNdim(2).axis(-1, inputDim));
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        long[] out = inputShape.clone();
        out[out.length - 1] = outputUnits();
        return out;
    }

    /** The size of the output's last axis: {@code units}, or half of it after "glu" (which halves the last axis). */
    private long outputUnits() {
        return activation.outputShape(new long[]{1, units})[1];
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        long inputDim = kernel.value().size(0);
        INDArray x = input.rank() == 2 ? input : input.reshape('c', input.length() / inputDim, inputDim);
        long rows = x.size(0);
        INDArray z = ctx.buffer("z", dtype(), rows, units);
        Blas.matmul(x, false, kernel.value(), false, z, 0.0);
        String act = activation.name();
        INDArray y = act.equals("linear") ? z : ctx.buffer("y", dtype(), rows, outputUnits());
        if (!onHost(z, bias == null ? null : bias.value(), act, y)) {
            if (bias != null) {
                z.addiRowVector(bias.value());
            }
            if (y != z) {
                activation.call(z, y);
            }
        }
        ctx.save("x", x);
        ctx.save("z", z);
        ctx.save("y", y);
        ctx.save("shape", input.shape());
        return input.rank() == 2 ? y : y.reshape(computeOutputShape(input.shape()));
    }

    /** Outputs up to this many elements get their bias and activation in one pass over host memory. */
    private static final int HOST_ELEMENTS = 4096;

    /**
     * Adds the bias and applies relu, softmax or linear to a small float32 {@code z} (a fresh buffer) in one pass on
     * the host, writing {@code y}; an ND4J op costs more than the whole pass at this size. False when it does not apply.
     */
    private static boolean onHost(INDArray z, INDArray b, String act, INDArray y) {
        long n = z.length();
        if (n > HOST_ELEMENTS || z.dataType() != DataType.FLOAT
                || !(act.equals("relu") || act.equals("softmax") || act.equals("linear"))
                || b != null && (b.dataType() != DataType.FLOAT || b.ordering() != 'c' || b.elementWiseStride() != 1)) {
            return false;
        }
        int cols = (int) z.size(1);
        float[] v = new float[(int) n];
        new FloatPointer(z.data().addressPointer()).get(v);
        if (b != null) {
            float[] bv = new float[cols];
            new FloatPointer(b.data().addressPointer()).position(b.offset()).get(bv);
            for (int i = 0; i < v.length; i++) {
                v[i] += bv[i % cols];
            }
            if (y != z) {
                new FloatPointer(z.data().addressPointer()).put(v);
            }
        }
        if (act.equals("relu")) {
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.max(v[i], 0f);
            }
        } else if (act.equals("softmax")) {
            for (int r = 0; r < v.length; r += cols) {
                float max = Float.NEGATIVE_INFINITY;
                for (int c = r; c < r + cols; c++) {
                    max = Math.max(max, v[c]);
                }
                float sum = 0;
                for (int c = r; c < r + cols; c++) {
                    v[c] = (float) Math.exp(v[c] - max);
                    sum += v[c];
                }
                for (int c = r; c < r + cols; c++) {
                    v[c] /= sum;
                }
            }
        }
        new FloatPointer(y.data().addressPointer()).put(v);
        return true;
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        INDArray x = ctx.saved("x");
        INDArray z = ctx.saved("z");
        INDArray y = ctx.saved("y");
        INDArray dy = gradOutput.rank() == 2 ? gradOutput : gradOutput.reshape('c', z.size(0), y.size(1));
        INDArray dz = dy;
        if (y != z) {
            dz = ctx.buffer("dz", dtype(), z.size(0), units);
            activation.gradient(z, y, dy, dz);
        }
        Blas.matmul(x, true, dz, false, kernel.gradient(), kernel.beginGradientWrite());
        if (bias != null) {
            if (bias.beginGradientWrite() == 0.0) {
                dz.sum(bias.gradient(), 0);
            } else {
                bias.gradient().addi(dz.sum(0));
            }
        }
        if (!ctx.needsInputGradient(0)) {
            return null;
        }
        INDArray dx = ctx.buffer("dx", dtype(), z.size(0), kernel.value().size(0));
        Blas.matmul(dz, false, kernel.value(), true, dx, 0.0);
        long[] shape = ctx.saved("shape");
        return shape.length == 2 ? dx : dx.reshape(shape);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("units", units);
        config.put("activation", activation.name());
        config.put("use_bias", useBias);
        putKernelBiasConfig(config, false);
        config.put("quantization_config", null);
        return config;
    }

    /** A Dense layer from its Keras config. */
    public static Dense fromConfig(Map<String, Object> map) {
        Config c = new Config("Dense", map).allow("units", "activation", "use_bias", "kernel_initializer", "bias_initializer",
                "kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint",
                "lora_rank", "lora_alpha", "quantization_config");
        Dense d = new Dense(c.getInt("units"))
                .activation(c.activation("activation"))
                .useBias(c.getBoolean("use_bias", true));
        return c.applyBase(configureKernelBias(d, c));
    }
}
