package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.constraints.Constraint;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.InputSpec;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Shapes;
import io.keras4j.engine.Variable;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.regularizers.Regularizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.Map;

/**
 * The shared mechanics of {@link Conv1D}, {@link Conv2D} and {@link Conv3D}, as
 * keras/src/layers/convolutional/base_conv.py {@code BaseConv}:
 * {@code outputs = activation(conv(inputs, kernel) + bias)} with a kernel of shape
 * {@code kernel_size + (input_channels / groups, filters)} and a bias of shape {@code (filters,)}.
 *
 * <p>Forward and backward run ND4J's native {@code conv2d}/{@code conv3dnew} ops and their {@code _bp}
 * variants (a 1D convolution as a 2D one of height 1). With {@code groups > 1} the kernel is expanded to a
 * block-diagonal full kernel, so each group of filters sees only its group of input channels.
 *
 * @param <T> the concrete layer, returned by the fluent setters
 */
abstract class BaseConv<T extends BaseConv<T>> extends Layer {
    private final int rank;
    private final int filters;
    private final int[] kernelSize;
    private int[] strides;
    private String padding = "valid";
    private String dataFormat = "channels_last";
    private int[] dilationRate;
    private int groups = 1;
    private ActivationFunction activation = Activations.get("linear");
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.get("glorot_uniform");
    private Initializer biasInitializer = Initializers.get("zeros");
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;
    private Variable kernel;
    private Variable bias;

    BaseConv(int rank, int filters, int... kernelSize) {
        if (filters <= 0) {
            throw new IllegalArgumentException(className() + ": invalid value for argument `filters`, expected a positive integer, got "
                    + filters);
        }
        this.rank = rank;
        this.filters = filters;
        this.kernelSize = ConvUtils.tuple(className(), "kernel_size", rank, false, kernelSize);
        this.strides = ConvUtils.filled(rank, 1);
        this.dilationRate = ConvUtils.filled(rank, 1);
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    public T strides(int... strides) {
        this.strides = ConvUtils.tuple(className(), "strides", rank, false, strides);
        return self();
    }

    /** "valid" (default) or "same" ("causal" too for {@link Conv1D}). */
    public T padding(String padding) {
        this.padding = ConvUtils.padding(className(), padding, rank == 1);
        return self();
    }

    /** "channels_last" (default, inputs {@code (batch, ..., channels)}) or "channels_first". */
    public T dataFormat(String dataFormat) {
        this.dataFormat = ConvUtils.dataFormat(className(), dataFormat);
        return self();
    }

    public T dilationRate(int... dilationRate) {
        this.dilationRate = ConvUtils.tuple(className(), "dilation_rate", rank, false, dilationRate);
        return self();
    }

    /** The number of groups the input channels and the filters are split into (each must divide evenly). */
    public T groups(int groups) {
        if (groups <= 0 || filters % groups != 0) {
            throw new IllegalArgumentException(className() + ": the number of filters must be evenly divisible by the number of groups;"
                    + " received groups=" + groups + ", filters=" + filters);
        }
        this.groups = groups;
        return self();
    }

    public T activation(String activation) {
        this.activation = Activations.get(activation);
        return self();
    }

    public T activation(ActivationFunction activation) {
        this.activation = activation;
        return self();
    }

    public T useBias(boolean useBias) {
        this.useBias = useBias;
        return self();
    }

    public T kernelInitializer(String initializer) {
        return kernelInitializer(Initializers.get(initializer));
    }

    public T kernelInitializer(Initializer initializer) {
        this.kernelInitializer = initializer;
        return self();
    }

    public T biasInitializer(String initializer) {
        return biasInitializer(Initializers.get(initializer));
    }

    public T biasInitializer(Initializer initializer) {
        this.biasInitializer = initializer;
        return self();
    }

    public T kernelRegularizer(Regularizer regularizer) {
        this.kernelRegularizer = regularizer;
        return self();
    }

    public T biasRegularizer(Regularizer regularizer) {
        this.biasRegularizer = regularizer;
        return self();
    }

    public T kernelConstraint(Constraint constraint) {
        this.kernelConstraint = constraint;
        return self();
    }

    public T biasConstraint(Constraint constraint) {
        this.biasConstraint = constraint;
        return self();
    }

    public int filters() {
        return filters;
    }

    /** The kernel, shape {@code kernel_size + (input_channels / groups, filters)}; null before build. */
    public Variable kernel() {
        return kernel;
    }

    /** The bias, shape {@code (filters,)}; null before build or without bias. */
    public Variable bias() {
        return bias;
    }

    private boolean channelsLast() {
        return dataFormat.equals("channels_last");
    }

    @Override
    protected void build(long[] inputShape) {
        if (inputShape.length != rank + 2) {
            throw new IllegalArgumentException(className() + " \"" + name() + "\" expects inputs of rank " + (rank + 2)
                    + ", got shape " + Shapes.format(inputShape));
        }
        if (Arrays.stream(strides).anyMatch(s -> s > 1) && Arrays.stream(dilationRate).anyMatch(d -> d > 1)) {
            throw new IllegalArgumentException(className() + " \"" + name() + "\": strides > 1 not supported in conjunction with"
                    + " dilation_rate > 1; received strides=" + Arrays.toString(strides) + " and dilation_rate=" + Arrays.toString(dilationRate));
        }
        int channelAxis = ConvUtils.channelAxis(inputShape.length, channelsLast());
        long channels = inputShape[channelAxis];
        if (channels <= 0 || channels % groups != 0) {
            throw new IllegalArgumentException(className() + " \"" + name() + "\": the number of input channels must be known and"
                    + " evenly divisible by the number of groups; received groups=" + groups + ", input shape " + Shapes.format(inputShape));
        }
        long[] kernelShape = new long[rank + 2];
        for (int i = 0; i < rank; i++) {
            kernelShape[i] = kernelSize[i];
        }
        kernelShape[rank] = channels / groups;
        kernelShape[rank + 1] = filters;
        kernel = addWeight("kernel", kernelShape, kernelInitializer, kernelRegularizer, kernelConstraint, true);
        if (useBias) {
            bias = addWeight("bias", new long[]{filters}, biasInitializer, biasRegularizer, biasConstraint, true);
        }
        setInputSpec(0, new InputSpec().ndim(rank + 2).axis(channelAxis - inputShape.length, channels));
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        long[] out = inputShape.clone();
        int first = ConvUtils.firstSpatialAxis(channelsLast());
        for (int i = 0; i < rank; i++) {
            out[first + i] = ConvUtils.outputLength(className(), inputShape[first + i], kernelSize[i], strides[i], dilationRate[i], padding);
        }
        out[ConvUtils.channelAxis(out.length, channelsLast())] = filters;
        return out;
    }

    private ConvOps.Window window() {
        return ConvOps.Window.of(kernelSize, strides, dilationRate, ConvUtils.mode(padding), channelsLast());
    }

    private String op() {
        return rank == 3 ? "conv3dnew" : "conv2d";
    }

    /** The kernel the native op sees: lifted to 2D for 1D, block-diagonal over the channels for groups. */
    private INDArray fullKernel(CallContext ctx) {
        INDArray k = ConvOps.liftKernel(kernel.value());
        if (groups == 1) {
            return k;
        }
        long[] shape = k.shape().clone();
        shape[shape.length - 2] *= groups;
        INDArray full = ctx.buffer("full_kernel", dtype(), shape).assign(0);
        for (int g = 0; g < groups; g++) {
            full.get(groupBlock(k, g)).assign(k.get(groupColumns(k, g)));
        }
        return full;
    }

    private INDArrayIndex[] groupBlock(INDArray k, int g) {
        long in = k.size(k.rank() - 2);
        INDArrayIndex[] idx = groupColumns(k, g);
        idx[k.rank() - 2] = NDArrayIndex.interval(g * in, (g + 1) * in);
        return idx;
    }

    private INDArrayIndex[] groupColumns(INDArray k, int g) {
        long out = filters / groups;
        INDArrayIndex[] idx = new INDArrayIndex[k.rank()];
        Arrays.fill(idx, NDArrayIndex.all());
        idx[k.rank() - 1] = NDArrayIndex.interval(g * out, (g + 1) * out);
        return idx;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        boolean last = channelsLast();
        INDArray x = ConvOps.lift(input, last);
        long[] outShape = computeOutputShape(input.shape());
        INDArray z = ctx.buffer("z", dtype(), ConvOps.liftShape(outShape, last));
        INDArray w = fullKernel(ctx);
        ConvOps.exec(op(), new INDArray[]{x, w, bias == null ? null : bias.value()}, new INDArray[]{z}, window().convArgs());
        INDArray y = z;
        if (!activation.name().equals("linear")) {
            y = ctx.buffer("y", dtype(), z.shape());
            activation.call(z, y);
        }
        ctx.save("x", x);
        ctx.save("z", z);
        ctx.save("y", y);
        ctx.save("w", w);
        ctx.save("shape", input.shape());
        return y.reshape(outShape);
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        INDArray x = ctx.saved("x");
        INDArray z = ctx.saved("z");
        INDArray y = ctx.saved("y");
        INDArray w = ctx.saved("w");
        INDArray dy = gradOutput.reshape(z.shape());
        INDArray dz = dy;
        if (y != z) {
            dz = ctx.buffer("dz", dtype(), z.shape());
            activation.gradient(z, y, dy, dz);
        }
        INDArray dx = ctx.buffer("dx", dtype(), x.shape());
        boolean overwriteKernel = groups == 1 && kernel.gradientBeta() == 0.0;
        INDArray dw = overwriteKernel ? ConvOps.liftKernel(kernel.gradient()) : ctx.buffer("dw", dtype(), w.shape());
        INDArray db = null;
        boolean overwriteBias = false;
        if (bias != null) {
            overwriteBias = bias.gradientBeta() == 0.0;
            db = overwriteBias ? bias.gradient() : ctx.buffer("db", dtype(), filters);
        }
        ConvOps.exec(op() + "_bp", new INDArray[]{x, w, bias == null ? null : bias.value(), dz}, new INDArray[]{dx, dw, db},
                window().convArgs());
        if (!overwriteKernel) {
            addKernelGradient(dw);
        }
        if (bias != null && !overwriteBias) {
            bias.gradient().addi(db);
        }
        long[] shape = ctx.saved("shape");
        return dx.reshape(shape);
    }

    /** Adds the gradient of the native kernel to the kernel's gradient (the diagonal blocks for groups). */
    private void addKernelGradient(INDArray dw) {
        INDArray target = ConvOps.liftKernel(kernel.gradient());
        if (groups == 1) {
            target.addi(dw);
            return;
        }
        boolean overwrite = kernel.gradientBeta() == 0.0;
        for (int g = 0; g < groups; g++) {
            INDArray block = dw.get(groupBlock(target, g));
            INDArray dest = target.get(groupColumns(target, g));
            if (overwrite) {
                dest.assign(block);
            } else {
                dest.addi(block);
            }
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("filters", filters);
        config.put("kernel_size", kernelSize.clone());
        config.put("strides", strides.clone());
        config.put("padding", padding);
        config.put("data_format", dataFormat);
        config.put("dilation_rate", dilationRate.clone());
        config.put("groups", groups);
        config.put("activation", activation.name());
        config.put("use_bias", useBias);
        config.put("kernel_initializer", kernelInitializer);
        config.put("bias_initializer", biasInitializer);
        config.put("kernel_regularizer", kernelRegularizer);
        config.put("bias_regularizer", biasRegularizer);
        config.put("activity_regularizer", null);
        config.put("kernel_constraint", kernelConstraint);
        config.put("bias_constraint", biasConstraint);
        return config;
    }

    /** Applies the Keras config keys of a convolution (Keras 3 and Keras 2 names) to a new layer. */
    static <L extends BaseConv<L>> L configure(L layer, Config c) {
        int rank = ((BaseConv<?>) layer).rank;
        layer.strides(ConvUtils.ints(c, "strides", ConvUtils.filled(rank, 1)))
                .padding(c.getString("padding", "valid"))
                .dataFormat(c.getString("data_format", null))
                .dilationRate(ConvUtils.ints(c, "dilation_rate", ConvUtils.filled(rank, 1)))
                .groups(c.getInt("groups", 1))
                .activation(c.activation("activation"))
                .useBias(c.getBoolean("use_bias", true))
                .kernelInitializer(c.initializer("kernel_initializer", "glorot_uniform"))
                .biasInitializer(c.initializer("bias_initializer", "zeros"))
                .kernelRegularizer(c.regularizer("kernel_regularizer"))
                .biasRegularizer(c.regularizer("bias_regularizer"))
                .kernelConstraint(c.constraint("kernel_constraint"))
                .biasConstraint(c.constraint("bias_constraint"));
        if (c.has("activity_regularizer")) {
            throw new IllegalArgumentException(layer.className() + ": activity_regularizer is not supported yet, got "
                    + c.raw("activity_regularizer"));
        }
        return c.applyBase(layer);
    }

    /** The config keys {@link #configure} reads. */
    static final String[] KEYS = {"filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups",
            "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
            "activity_regularizer", "kernel_constraint", "bias_constraint", "lora_rank", "lora_alpha", "quantization_config"};
}
