package io.keras4j.applications;

import io.keras4j.engine.KerasTensor;
import io.keras4j.layers.Add;
import io.keras4j.layers.BatchNormalization;
import io.keras4j.layers.Conv2D;
import io.keras4j.layers.DepthwiseConv2D;
import io.keras4j.layers.ReLU;
import io.keras4j.layers.ZeroPadding2D;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Locale;

/**
 * MobileNetV2 (Sandler et al., 2018), as keras/src/applications/mobilenet_v2.py: a 3x3 stride-2 convolution, 17
 * inverted residual blocks (1x1 expansion, 3x3 depthwise, 1x1 linear projection, a residual add where shapes allow),
 * a 1x1 convolution to 1280 channels and the classifier. Default input 224x224x3 (96, 128, 160, 192 or 224 square
 * images keep their size as the weights' size), minimum 32x32.
 *
 * <pre>{@code
 * Model base = new MobileNetV2().inputShape(160, 160, 3).includeTop(false).build();   // ImageNet weights
 * INDArray features = base.predict(MobileNetV2.preprocessInput(images));
 * }</pre>
 */
public class MobileNetV2 extends Application<MobileNetV2> {
    private static final String BASE_URL = "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/";
    private static final int[][] BLOCKS = {
        // filters, stride, expansion, for blocks 0 to 16
        {16, 1, 1}, {24, 2, 6}, {24, 1, 6}, {32, 2, 6}, {32, 1, 6}, {32, 1, 6}, {64, 2, 6}, {64, 1, 6}, {64, 1, 6},
        {64, 1, 6}, {96, 1, 6}, {96, 1, 6}, {96, 1, 6}, {160, 2, 6}, {160, 1, 6}, {160, 1, 6}, {320, 1, 6},
    };
    private static final double[] IMAGENET_ALPHAS = {0.35, 0.5, 0.75, 1.0, 1.3, 1.4};

    private double alpha = 1.0;

    /** Width multiplier: scales the number of filters of every layer (default 1.0; 0.35, 0.5, 0.75, 1.0, 1.3, 1.4 have weights). */
    public MobileNetV2 alpha(double alpha) {
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("alpha must be positive, got " + alpha);
        }
        this.alpha = alpha;
        return this;
    }

    /** Scales pixels from [0, 255] to [-1, 1] (Keras's "tf" mode). */
    public static INDArray preprocessInput(INDArray x) {
        return ImagenetUtils.preprocessInput(x, "tf");
    }

    @Override
    int defaultSize(long[] given) {
        return given != null && given[0] == given[1] && isWeightSize(given[0]) ? (int) given[0] : 224;
    }

    private static boolean isWeightSize(long rows) {
        return rows == 96 || rows == 128 || rows == 160 || rows == 192 || rows == 224;
    }

    /** The image size whose weights are loaded: the rows when square and one of Keras's sizes, else 224. */
    private static long weightRows(long[] shape) {
        return shape[0] == shape[1] && isWeightSize(shape[0]) ? shape[0] : 224;
    }

    @Override
    KerasTensor body(KerasTensor input, long[] shape, boolean imagenet) {
        if (imagenet && java.util.Arrays.stream(IMAGENET_ALPHAS).noneMatch(a -> a == alpha)) {
            throw new IllegalArgumentException("If imagenet weights are being loaded, alpha must be one of `0.35`, `0.50`, `0.75`, "
                    + "`1.0`, `1.3` or `1.4` only; Received `alpha=" + alpha + "`");
        }
        KerasTensor x = new Conv2D(makeDivisible(32 * alpha, 8), 3).strides(2, 2).padding("same").useBias(false).name("Conv1").apply(input);
        x = batchNorm("bn_Conv1").apply(x);
        x = new ReLU().maxValue(6.0).name("Conv1_relu").apply(x);
        for (int id = 0; id < BLOCKS.length; id++) {
            x = invertedResidual(x, BLOCKS[id][0], BLOCKS[id][1], BLOCKS[id][2], id);
        }
        int lastFilters = alpha > 1.0 ? makeDivisible(1280 * alpha, 8) : 1280;
        x = new Conv2D(lastFilters, 1).useBias(false).name("Conv_1").apply(x);
        x = batchNorm("Conv_1_bn").apply(x);
        x = new ReLU().maxValue(6.0).name("out_relu").apply(x);
        return top(x, null, null);
    }

    private KerasTensor invertedResidual(KerasTensor inputs, int filters, int stride, int expansion, int blockId) {
        long inChannels = inputs.shape()[3];
        int pointwiseFilters = makeDivisible((int) (filters * alpha), 8);
        String prefix = blockId == 0 ? "expanded_conv_" : "block_" + blockId + "_";
        KerasTensor x = inputs;
        if (blockId > 0) {
            x = new Conv2D((int) (expansion * inChannels), 1).padding("same").useBias(false).name(prefix + "expand").apply(x);
            x = batchNorm(prefix + "expand_BN").apply(x);
            x = new ReLU().maxValue(6.0).name(prefix + "expand_relu").apply(x);
        }
        if (stride == 2) {
            x = new ZeroPadding2D(correctPad(x, 3)).name(prefix + "pad").apply(x);
        }
        x = new DepthwiseConv2D(3).strides(stride, stride).useBias(false).padding(stride == 1 ? "same" : "valid")
                .name(prefix + "depthwise").apply(x);
        x = batchNorm(prefix + "depthwise_BN").apply(x);
        x = new ReLU().maxValue(6.0).name(prefix + "depthwise_relu").apply(x);
        x = new Conv2D(pointwiseFilters, 1).padding("same").useBias(false).name(prefix + "project").apply(x);
        x = batchNorm(prefix + "project_BN").apply(x);
        if (inChannels == pointwiseFilters && stride == 1) {
            return new Add().name(prefix + "add").apply(inputs, x);
        }
        return x;
    }

    private static BatchNormalization batchNorm(String name) {
        return new BatchNormalization().axis(-1).epsilon(1e-3).momentum(0.999).name(name);
    }

    /**
     * Keras's {@code _make_divisible}: {@code v} rounded to the nearest multiple of {@code divisor} (at least
     * {@code divisor}), one step up if rounding lost more than 10%.
     */
    static int makeDivisible(double v, int divisor) {
        int rounded = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * v ? rounded + divisor : rounded;
    }

    @Override
    String defaultName(long[] shape, boolean imagenet) {
        long rows = imagenet ? weightRows(shape) : shape[0];
        return String.format(Locale.ROOT, "mobilenetv2_%.2f_%s", alpha, rows < 0 ? "None" : Long.toString(rows));
    }

    @Override
    WeightFiles.Remote imagenetWeights(long[] shape) {
        String file = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_" + alpha + "_" + weightRows(shape)
                + (includeTop ? "" : "_no_top") + ".h5";
        return WeightFiles.Remote.of(BASE_URL, file, null);
    }
}
