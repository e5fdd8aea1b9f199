package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.InputSpec;
import io.keras4j.engine.Variable;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.VarianceScaling;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A dense layer whose computation is an einsum, as keras/src/layers/core/einsum_dense.py {@code EinsumDense}:
 * {@code output = activation(einsum(equation, input, kernel) + bias)}.
 *
 * <p>The kernel and bias shapes follow from the equation, the input shape and {@code output_shape} exactly as
 * Keras's {@code _analyze_einsum_string} derives them: a kernel axis takes its size from the output if its label
 * is there, else from the input; the bias covers the output from its first {@code bias_axes} label on, with size 1
 * on the other axes. A VarianceScaling kernel initializer counts fans over the kernel's input and output axes
 * (Keras's {@code input_axes}/{@code output_axes}). The einsum runs as permutes plus one GEMM (see
 * {@link EinsumGemm}).
 *
 * <p>Arguments: {@code equation} ("ab,bc->ac", "...b,bc->...c", "ab...,bc->ac..."), {@code output_shape} (the
 * output without its batch axis and ellipsis axes; -1 for None), {@code activation}, {@code bias_axes} (null: no
 * bias), initializers, regularizers and constraints for kernel and bias (defaults "glorot_uniform", "zeros").
 * <pre>{@code new EinsumDense("abc,cde->abde", 4, 8).biasAxes("de")   // (batch, T, c) -> (batch, T, 4, 8)}</pre>
 */
public class EinsumDense extends KernelBiasLayer<EinsumDense> {
    private final EinsumEquation equation;
    private final long[] partialOutputShape;
    private ActivationFunction activation = Activations.get("linear");
    private String biasAxes;
    private Variable kernel;
    private Variable bias;
    private EinsumGemm gemm;

    /**
     * @param equation    the einsum equation
     * @param outputShape the expected output shape without batch and ellipsis axes (-1 for a dimension to infer)
     */
    public EinsumDense(String equation, long... outputShape) {
        this.equation = new EinsumEquation(equation, "EinsumDense");
        this.partialOutputShape = outputShape.clone();
    }

    public EinsumDense activation(String activation) {
        this.activation = Activations.get(activation);
        return this;
    }

    public EinsumDense activation(ActivationFunction activation) {
        this.activation = activation;
        return this;
    }

    /** The output labels that get a bias ("de"); null (the default) for none. */
    public EinsumDense biasAxes(String biasAxes) {
        this.biasAxes = biasAxes;
        return this;
    }

    /** The kernel, shaped as the equation's weight labels; null before build. */
    public Variable kernel() {
        return kernel;
    }

    /** The bias; null before build or without {@code bias_axes}. */
    public Variable bias() {
        return bias;
    }

    @Override
    protected void build(long[] inputShape) {
        EinsumEquation.Analysis a = analyze(inputShape);
        kernel = addKernel("kernel", a.kernel, fanAware(kernelInitializer(), a));
        if (a.bias != null) {
            bias = addBias("bias", a.bias);
        }
        gemm = new EinsumGemm(a.inputLabels, a.weightLabels, a.outputLabels);
        InputSpec spec = new InputSpec().ndim(inputShape.length);
        for (int i = 0; i < inputShape.length; i++) {
            if (EinsumEquation.indexOf(a.weightLabels, a.inputLabels[i]) >= 0) {
                spec.axis(i, inputShape[i]);
            }
        }
        setInputSpec(0, spec);
    }

    private EinsumEquation.Analysis analyze(long[] inputShape) {
        return equation.analyze(biasAxes, inputShape, partialOutputShape);
    }

    /**
     * Keras's {@code _update_kernel_initializer}: a VarianceScaling initializer gets fan_in = the product of the
     * kernel's input axes and fan_out = that of its output axes. Since these axes cover the kernel, drawing the
     * i.i.d. values as a (fan_in, fan_out) matrix and reshaping gives that distribution. An initializer with both
     * axes already set keeps them.
     */
    private static Initializer fanAware(Initializer initializer, EinsumEquation.Analysis a) {
        if (!(initializer instanceof VarianceScaling) || ((VarianceScaling) initializer).inputAxes() != null
                && ((VarianceScaling) initializer).outputAxes() != null) {
            return initializer; // axes given by the user are used as they are, as in Keras
        }
        long fanIn = 1;
        long fanOut = 1;
        for (int axis : a.inputAxes) {
            fanIn *= a.kernel[axis];
        }
        for (int axis : a.outputAxes) {
            fanOut *= a.kernel[axis];
        }
        long[] matrix = {fanIn, fanOut};
        return new Initializer() {
            @Override
            public INDArray apply(long[] shape, DataType dtype) {
                return initializer.apply(matrix, dtype).reshape('c', shape);
            }

            @Override
            public Map<String, Object> getConfig() {
                return initializer.getConfig();
            }
        };
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        return analyze(inputShape).output;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        INDArray z = gemm.forward(input, kernel.value(), ctx, dtype());
        if (bias != null) {
            long tail = z.length() / rowsBeforeBias(z.shape());
            z.reshape('c', z.length() / tail, tail).addiRowVector(expandedBias(z.shape()));
        }
        INDArray y = z;
        if (!activation.name().equals("linear")) {
            y = ctx.buffer("y", dtype(), z.shape());
            activation.call(z, y);
        }
        ctx.save("z", z);
        ctx.save("y", y);
        return y;
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        INDArray z = ctx.saved("z");
        INDArray y = ctx.saved("y");
        INDArray dz = gradOutput;
        if (y != z) {
            dz = ctx.buffer("dz", dtype(), z.shape());
            activation.gradient(z, y, gradOutput, dz);
        }
        if (bias != null) {
            long rows = rowsBeforeBias(z.shape());
            long[] tailShape = Arrays.copyOfRange(z.shape(), z.rank() - bias.value().rank(), z.rank());
            INDArray perTail = dz.reshape('c', rows, dz.length() / rows).sum(0).reshape('c', tailShape);
            List<Integer> ones = new ArrayList<>();
            for (int i = 0; i < tailShape.length; i++) {
                if (bias.value().size(i) == 1 && tailShape[i] != 1) {
                    ones.add(i);
                }
            }
            INDArray db = ones.isEmpty() ? perTail : perTail.sum(true, ones.stream().mapToInt(Integer::intValue).toArray());
            bias.addGradient(db.reshape('c', bias.value().shape()));
        }
        return gemm.backward(dz, kernel, ctx.needsInputGradient(0), ctx);
    }

    /** The number of output rows the bias repeats over: the product of the output axes before the bias's. */
    private long rowsBeforeBias(long[] outputShape) {
        long rows = 1;
        for (int i = 0; i < outputShape.length - bias.value().rank(); i++) {
            rows *= outputShape[i];
        }
        return rows;
    }

    /** The bias broadcast over its size-1 axes, as one row of the output's trailing axes. */
    private INDArray expandedBias(long[] outputShape) {
        long[] tailShape = Arrays.copyOfRange(outputShape, outputShape.length - bias.value().rank(), outputShape.length);
        INDArray b = Arrays.equals(tailShape, bias.value().shape()) ? bias.value() : bias.value().broadcast(tailShape);
        return b.reshape('c', 1, b.length());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("output_shape", Arrays.stream(partialOutputShape).mapToObj(d -> d < 0 ? null : d).toList());
        config.put("equation", equation.equation);
        config.put("activation", activation.name());
        config.put("bias_axes", biasAxes);
        putKernelBiasConfig(config, false);
        return config;
    }

    /** An EinsumDense layer from its Keras config. */
    public static EinsumDense fromConfig(Map<String, Object> map) {
        Config c = new Config("EinsumDense", map).allow("output_shape", "equation", "activation", "bias_axes", "kernel_initializer",
                "bias_initializer", "kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
                "bias_constraint", "lora_rank", "lora_alpha", "gptq_unpacked_column_size", "quantization_config");
        EinsumDense d = new EinsumDense(c.getString("equation", null), c.getLongs("output_shape"))
                .activation(c.activation("activation"))
                .biasAxes(c.getString("bias_axes", null));
        return c.applyBase(configureKernelBias(d, c));
    }
}
