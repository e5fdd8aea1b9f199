package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.InputSpec;
import io.keras4j.engine.Shapes;
import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Map;

/**
 * What every convolution family shares (keras/src/layers/convolutional/base_conv.py, base_depthwise_conv.py,
 * base_separable_conv.py and base_conv_transpose.py repeat it): kernel size, strides, padding, data format,
 * dilation rate, {@code outputs = activation(convolution(inputs) + bias)} and the bias arguments. The
 * convolution itself runs channels last (a channels_first input is transposed in and out), on ND4J's native ops or
 * {@link Im2col} GEMMs as each subclass decides; subclasses own the kernels.
 *
 * @param <T> the concrete layer, returned by the fluent setters
 */
abstract class ConvLayer<T extends ConvLayer<T>> extends BiasLayer<T> {
    final int rank;
    final int[] kernelSize;
    int[] strides;
    String padding = "valid";
    private String dataFormat = "channels_last";
    int[] dilationRate;
    private ActivationFunction activation = Activations.get("linear");
    private boolean useBias = true;
    private Variable bias;

    ConvLayer(int rank, int... kernelSize) {
        this.rank = rank;
        this.kernelSize = ConvUtils.tuple(className(), "kernel_size", rank, false, kernelSize);
        this.strides = ConvUtils.filled(rank, 1);
        this.dilationRate = ConvUtils.filled(rank, 1);
    }

    public T strides(int... strides) {
        this.strides = ConvUtils.tuple(className(), "strides", rank, false, strides);
        return self();
    }

    /** "valid" (default) or "same" ("causal" too for {@link Conv1D}). */
    public T padding(String padding) {
        this.padding = ConvUtils.padding(className(), padding, allowsCausal());
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

    /** The bias, shape {@code (output_channels,)}; null before build or without bias. */
    public Variable bias() {
        return bias;
    }

    /** Whether padding "causal" is allowed (1D convolutions only). */
    boolean allowsCausal() {
        return false;
    }

    boolean channelsLast() {
        return dataFormat.equals("channels_last");
    }

    Im2col.Geometry geometry() {
        return new Im2col.Geometry(kernelSize, strides, dilationRate, padding);
    }

    /** The number of output channels for {@code channels} input channels. */
    abstract long outputChannels(long channels);

    /** The output length of spatial axis {@code axis} for an input length {@code in} (-1 unknown). */
    abstract long outputLength(int axis, long in);

    /** Adds the kernel weights for {@code channels} input channels. */
    abstract void buildKernels(long channels);

    /**
     * The convolution without bias: channels-last {@code x} (batch, in..., c) to the pre-activation matrix
     * (batch * prod(out), output_channels); may save what {@link #convolveBackward} needs.
     */
    abstract INDArray convolve(INDArray x, long[] in, long[] out, CallContext ctx);

    /** Whether {@link #convolve} adds the bias itself (a fused native op); otherwise this class adds it. */
    boolean convolveAddsBias() {
        return false;
    }

    /** Whether {@link #convolveBackward} accumulates the bias gradient itself; otherwise this class does. */
    boolean backwardAddsBiasGradient(boolean needInput) {
        return false;
    }

    /**
     * Accumulates the kernel gradients from {@code dz} (batch, out..., output_channels) and returns the
     * channels-last input gradient, or null when {@code needInput} is false.
     */
    abstract INDArray convolveBackward(INDArray dz, long[] in, long[] out, boolean needInput, CallContext ctx);

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
        if (channels <= 0) {
            throw new IllegalArgumentException(className() + " \"" + name() + "\": the number of input channels must be known;"
                    + " received input shape " + Shapes.format(inputShape));
        }
        buildKernels(channels);
        if (useBias) {
            bias = addBias("bias", new long[]{outputChannels(channels)});
        }
        setInputSpec(0, new InputSpec().ndim(rank + 2).axis(channelAxis - inputShape.length, channels));
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        long[] out = inputShape.clone();
        int first = ConvUtils.firstSpatialAxis(channelsLast());
        for (int i = 0; i < rank; i++) {
            out[first + i] = outputLength(i, inputShape[first + i]);
        }
        int channelAxis = ConvUtils.channelAxis(out.length, channelsLast());
        out[channelAxis] = outputChannels(inputShape[channelAxis]);
        return out;
    }

    /** Moves the channel axis of a channels_first array last (a contiguous copy), or back when {@code toFirst}. */
    private static INDArray transposeChannels(INDArray x, boolean toFirst, CallContext ctx, String key) {
        int[] perm = new int[x.rank()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = toFirst ? (i == 0 ? 0 : i == 1 ? perm.length - 1 : i - 1) : (i == 0 ? 0 : i == perm.length - 1 ? 1 : i + 1);
        }
        INDArray p = x.permute(perm);
        return ctx.buffer(key, x.dataType(), p.shape()).assign(p);
    }

    @Override
    protected ActivationFunction trailingActivation() {
        return activation.name().equals("linear") ? null : activation;
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        boolean last = channelsLast();
        INDArray x = last ? ConvOps.contiguous(input) : transposeChannels(input, false, ctx, "x_cl");
        long[] in = Im2col.spatial(x.shape());
        long[] outShape = computeOutputShape(input.shape());
        long[] out = last ? Im2col.spatial(outShape) : Arrays.copyOfRange(outShape, 2, outShape.length);
        long channels = outShape[ConvUtils.channelAxis(outShape.length, last)];
        INDArray z = convolve(x, in, out, ctx);
        if (bias != null && !convolveAddsBias()) {
            z.addiRowVector(bias.value());
        }
        INDArray y = z;
        if (!activation.name().equals("linear") && !ctx.activationDeferred()) {
            y = ctx.buffer("y", dtype(), z.shape());
            activation.call(z, y);
        }
        ctx.save("z", z);
        ctx.save("y", y);
        ctx.save("in", in);
        ctx.save("out", out);
        INDArray result = y.reshape(Im2col.shape(x.size(0), out, channels));
        return last ? result : transposeChannels(result, true, ctx, "y_cf");
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        boolean last = channelsLast();
        INDArray z = ctx.saved("z");
        INDArray y = ctx.saved("y");
        long[] in = ctx.saved("in");
        long[] out = ctx.saved("out");
        long rows = z.size(0);
        long channels = z.size(1);
        INDArray g = last ? gradOutput : transposeChannels(gradOutput, false, ctx, "dy_cl");
        INDArray dz = ConvOps.contiguous(g).reshape(rows, channels);
        if (y != z) {
            INDArray dy = dz;
            dz = ctx.buffer("dz", dtype(), rows, channels);
            activation.gradient(z, y, dy, dz);
        }
        boolean needInput = ctx.needsInputGradient(0);
        if (bias != null && !backwardAddsBiasGradient(needInput)) {
            addBiasGradient(bias, dz, ctx);
        }
        INDArray dx = convolveBackward(dz.reshape(Im2col.shape(rows / Im2col.product(out), out, channels)), in, out,
                needInput, ctx);
        if (dx == null) {
            return null;
        }
        return last ? dx : transposeChannels(dx, true, ctx, "dx_cf");
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("kernel_size", kernelSize.clone());
        config.put("strides", strides.clone());
        config.put("padding", padding);
        config.put("data_format", dataFormat);
        config.put("dilation_rate", dilationRate.clone());
        config.put("activation", activation.name());
        config.put("use_bias", useBias);
        config.put("bias_initializer", biasInitializer);
        config.put("bias_regularizer", biasRegularizer);
        config.put("activity_regularizer", activityRegularizer());
        config.put("bias_constraint", biasConstraint);
        return config;
    }

    /**
     * The config with {@code order}'s keys first, in that order (as the Keras class's {@code get_config} writes
     * them: saved JSON must match Keras's text), then any other keys.
     */
    static Map<String, Object> inKerasOrder(Map<String, Object> config, String... order) {
        Map<String, Object> ordered = new java.util.LinkedHashMap<>();
        for (String key : order) {
            if (config.containsKey(key)) {
                ordered.put(key, config.get(key));
            }
        }
        config.forEach(ordered::putIfAbsent);
        return ordered;
    }

    /** Applies the config keys every convolution shares (see {@link #KEYS}) and the base layer keys. */
    static <L extends ConvLayer<L>> L configure(L layer, Config c) {
        int rank = ((ConvLayer<?>) layer).rank;
        layer.strides(ConvUtils.ints(c, "strides", ConvUtils.filled(rank, 1)))
                .padding(c.getString("padding", "valid"))
                .dataFormat(c.getString("data_format", null))
                .dilationRate(ConvUtils.ints(c, "dilation_rate", ConvUtils.filled(rank, 1)))
                .activation(c.activation("activation"))
                .useBias(c.getBoolean("use_bias", true))
                .biasInitializer(c.initializer("bias_initializer", "zeros"))
                .biasRegularizer(c.regularizer("bias_regularizer"))
                .biasConstraint(c.constraint("bias_constraint"));
        return c.applyBase(layer);
    }

    /** The config keys {@link #configure} reads. */
    static final String[] KEYS = {"kernel_size", "strides", "padding", "data_format", "dilation_rate", "activation",
            "use_bias", "bias_initializer", "bias_regularizer", "activity_regularizer", "bias_constraint"};

    /** {@link #KEYS} plus {@code more}. */
    static String[] keys(String... more) {
        String[] all = Arrays.copyOf(KEYS, KEYS.length + more.length);
        System.arraycopy(more, 0, all, KEYS.length, more.length);
        return all;
    }
}
