package io.keras4j.applications;

import io.keras4j.engine.KerasTensor;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.VarianceScaling;
import io.keras4j.layers.Activation;
import io.keras4j.layers.Add;
import io.keras4j.layers.BatchNormalization;
import io.keras4j.layers.Conv2D;
import io.keras4j.layers.Dense;
import io.keras4j.layers.DepthwiseConv2D;
import io.keras4j.layers.Dropout;
import io.keras4j.layers.GlobalAveragePooling2D;
import io.keras4j.layers.Multiply;
import io.keras4j.layers.Normalization;
import io.keras4j.layers.Rescaling;
import io.keras4j.layers.Reshape;
import io.keras4j.layers.ZeroPadding2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The EfficientNet family (Tan and Le, 2019), as keras/src/applications/efficientnet.py: the image is rescaled and
 * normalized inside the model (inputs are pixels in [0, 255]), then a 3x3 stride-2 stem, seven stages of MBConv blocks
 * (1x1 expansion, depthwise convolution, squeeze-and-excitation, 1x1 projection, a residual add with drop-connect where
 * shapes allow), a 1x1 convolution to 1280 channels (scaled) and the classifier. B0 to B7 scale width, depth and input
 * size by their coefficients. Minimum input 32x32.
 *
 * @param <T> the concrete model
 */
public abstract class EfficientNet<T extends EfficientNet<T>> extends Application<T> {
    private static final String BASE_URL = "https://storage.googleapis.com/keras-applications/";
    /** Per stage: kernel size, repeats, filters in, filters out, expand ratio, strides (all with SE ratio 0.25). */
    private static final int[][] BLOCKS = {
        {3, 1, 32, 16, 1, 1}, {3, 2, 16, 24, 6, 2}, {5, 2, 24, 40, 6, 2}, {3, 3, 40, 80, 6, 2},
        {5, 3, 80, 112, 6, 1}, {5, 4, 112, 192, 6, 2}, {3, 1, 192, 320, 6, 1},
    };
    private static final double[] IMAGENET_STDDEV_RGB = {0.229, 0.224, 0.225};
    private static final double DROP_CONNECT_RATE = 0.2;

    private final String modelName;
    private final double widthCoefficient;
    private final double depthCoefficient;
    private final int defaultSize;
    private final double dropoutRate;
    private final String topHash;
    private final String noTopHash;

    EfficientNet(String modelName, double widthCoefficient, double depthCoefficient, int defaultSize, double dropoutRate,
            String topHash, String noTopHash) {
        this.modelName = modelName;
        this.widthCoefficient = widthCoefficient;
        this.depthCoefficient = depthCoefficient;
        this.defaultSize = defaultSize;
        this.dropoutRate = dropoutRate;
        this.topHash = topHash;
        this.noTopHash = noTopHash;
    }

    /** The identity (a float32 copy): EfficientNet rescales and normalizes its [0, 255] inputs itself. */
    public static INDArray preprocessInput(INDArray x) {
        return ImagenetUtils.passThrough(x);
    }

    /** Keras's {@code CONV_KERNEL_INITIALIZER}: VarianceScaling(2.0, fan_out, truncated_normal). */
    static Initializer convInitializer() {
        return new VarianceScaling(2.0, "fan_out", "truncated_normal", null);
    }

    @Override
    int defaultSize(long[] given) {
        return defaultSize;
    }

    /** Keras's {@code round_filters}: filters times the width coefficient, to a multiple of 8 (within 10%). */
    int roundFilters(int filters) {
        return MobileNetV2.makeDivisible(filters * widthCoefficient, 8);
    }

    private int roundRepeats(int repeats) {
        return (int) Math.ceil(depthCoefficient * repeats);
    }

    @Override
    KerasTensor body(KerasTensor input, long[] shape, boolean imagenet) {
        KerasTensor x = named(new Rescaling(1.0 / 255.0), null).apply(input);
        x = named(new Normalization(3), null).apply(x);
        if (imagenet) {
            double[] scales = new double[3];
            for (int c = 0; c < 3; c++) {
                scales[c] = 1.0 / Math.sqrt(IMAGENET_STDDEV_RGB[c]);
            }
            x = named(new Rescaling(scales), null).apply(x);
        }
        x = new ZeroPadding2D(correctPad(x, 3)).name("stem_conv_pad").apply(x);
        x = new Conv2D(roundFilters(32), 3).strides(2, 2).padding("valid").useBias(false).kernelInitializer(convInitializer())
                .name("stem_conv").apply(x);
        x = new BatchNormalization().axis(3).name("stem_bn").apply(x);
        x = new Activation("swish").name("stem_activation").apply(x);
        int total = 0;
        for (int[] stage : BLOCKS) {
            total += roundRepeats(stage[1]);
        }
        int b = 0;
        for (int i = 0; i < BLOCKS.length; i++) {
            int[] stage = BLOCKS[i];
            int filtersIn = roundFilters(stage[2]);
            int filtersOut = roundFilters(stage[3]);
            int strides = stage[5];
            for (int j = 0; j < roundRepeats(stage[1]); j++) {
                if (j > 0) {
                    strides = 1;
                    filtersIn = filtersOut;
                }
                String name = "block" + (i + 1) + (char) ('a' + j) + "_";
                x = block(x, DROP_CONNECT_RATE * b / total, name, filtersIn, filtersOut, stage[0], strides, stage[4]);
                b++;
            }
        }
        x = new Conv2D(roundFilters(1280), 1).padding("same").useBias(false).kernelInitializer(convInitializer()).name("top_conv").apply(x);
        x = new BatchNormalization().axis(3).name("top_bn").apply(x);
        x = new Activation("swish").name("top_activation").apply(x);
        if (!includeTop) {
            return top(x, "avg_pool", "max_pool");
        }
        x = new GlobalAveragePooling2D().name("avg_pool").apply(x);
        if (dropoutRate > 0) {
            x = new Dropout(dropoutRate).name("top_dropout").apply(x);
        }
        return new Dense(classes).activation(classifierActivation).kernelInitializer(new VarianceScaling(1.0 / 3.0, "fan_out", "uniform", null))
                .name("predictions").apply(x);
    }

    /** Keras's MBConv {@code block} with squeeze-and-excitation ratio 0.25 and identity skip. */
    private static KerasTensor block(KerasTensor inputs, double dropRate, String name, int filtersIn, int filtersOut, int kernel,
            int strides, int expandRatio) {
        int filters = filtersIn * expandRatio;
        KerasTensor x = inputs;
        if (expandRatio != 1) {
            x = new Conv2D(filters, 1).padding("same").useBias(false).kernelInitializer(convInitializer()).name(name + "expand_conv").apply(x);
            x = new BatchNormalization().axis(3).name(name + "expand_bn").apply(x);
            x = new Activation("swish").name(name + "expand_activation").apply(x);
        }
        if (strides == 2) {
            x = new ZeroPadding2D(correctPad(x, kernel)).name(name + "dwconv_pad").apply(x);
        }
        x = new DepthwiseConv2D(kernel).strides(strides, strides).padding(strides == 2 ? "valid" : "same").useBias(false)
                .depthwiseInitializer(convInitializer()).name(name + "dwconv").apply(x);
        x = new BatchNormalization().axis(3).name(name + "bn").apply(x);
        x = new Activation("swish").name(name + "activation").apply(x);
        int filtersSe = Math.max(1, (int) (filtersIn * 0.25));
        KerasTensor se = new GlobalAveragePooling2D().name(name + "se_squeeze").apply(x);
        se = new Reshape(1, 1, filters).name(name + "se_reshape").apply(se);
        se = new Conv2D(filtersSe, 1).padding("same").activation("swish").kernelInitializer(convInitializer()).name(name + "se_reduce").apply(se);
        se = new Conv2D(filters, 1).padding("same").activation("sigmoid").kernelInitializer(convInitializer()).name(name + "se_expand").apply(se);
        x = new Multiply().name(name + "se_excite").apply(x, se);
        x = new Conv2D(filtersOut, 1).padding("same").useBias(false).kernelInitializer(convInitializer()).name(name + "project_conv").apply(x);
        x = new BatchNormalization().axis(3).name(name + "project_bn").apply(x);
        if (strides == 1 && filtersIn == filtersOut) {
            if (dropRate > 0) {
                x = new Dropout(dropRate).noiseShape(-1, 1, 1, 1).name(name + "drop").apply(x);
            }
            x = new Add().name(name + "add").apply(x, inputs);
        }
        return x;
    }

    @Override
    String defaultName(long[] shape, boolean imagenet) {
        return modelName;
    }

    @Override
    WeightFiles.Remote imagenetWeights(long[] shape) {
        String file = modelName + (includeTop ? ".h5" : "_notop.h5");
        return WeightFiles.Remote.of(BASE_URL, file, includeTop ? topHash : noTopHash);
    }
}
