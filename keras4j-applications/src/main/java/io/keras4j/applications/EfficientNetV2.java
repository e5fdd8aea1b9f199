package io.keras4j.applications;

import io.keras4j.engine.KerasTensor;
import io.keras4j.initializers.Constant;
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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The EfficientNetV2 family (Tan and Le, 2021), as keras/src/applications/efficientnet_v2.py: optional preprocessing
 * inside the model ({@code includePreprocessing}, default true: B0-B3 rescale to [0, 1] and normalize by ImageNet's
 * mean and variance, S rescales to [-1, 1]), a 3x3 stride-2 stem, stages of Fused-MBConv blocks (a full 3x3
 * convolution instead of 1x1 expansion plus depthwise) then MBConv blocks with squeeze-and-excitation, a 1x1
 * convolution to 1280 channels (scaled) and the classifier. Batch normalization momentum 0.9. Minimum input 32x32.
 *
 * @param <T> the concrete model
 */
public abstract class EfficientNetV2<T extends EfficientNetV2<T>> extends Application<T> {
    private static final String BASE_URL = "https://storage.googleapis.com/tensorflow/keras-applications/efficientnet_v2/";
    /** Per stage: kernel size, repeats, filters in, filters out, expand ratio, SE ratio x 100, strides, fused (1) or not (0). */
    static final int[][] B_BLOCKS = {
        {3, 1, 32, 16, 1, 0, 1, 1}, {3, 2, 16, 32, 4, 0, 2, 1}, {3, 2, 32, 48, 4, 0, 2, 1},
        {3, 3, 48, 96, 4, 25, 2, 0}, {3, 5, 96, 112, 6, 25, 1, 0}, {3, 8, 112, 192, 6, 25, 2, 0},
    };
    static final int[][] S_BLOCKS = {
        {3, 2, 24, 24, 1, 0, 1, 1}, {3, 4, 24, 48, 4, 0, 2, 1}, {3, 4, 48, 64, 4, 0, 2, 1},
        {3, 6, 64, 128, 4, 25, 2, 0}, {3, 9, 128, 160, 6, 25, 1, 0}, {3, 15, 160, 256, 6, 25, 2, 0},
    };
    private static final double DROPOUT_RATE = 0.2;
    private static final double DROP_CONNECT_RATE = 0.2;
    private static final double BN_MOMENTUM = 0.9;

    private final String modelName;
    private final double widthCoefficient;
    private final double depthCoefficient;
    private final int defaultSize;
    private final int[][] blocks;
    private final String topHash;
    private final String noTopHash;
    private boolean includePreprocessing = true;

    EfficientNetV2(String modelName, double widthCoefficient, double depthCoefficient, int defaultSize, int[][] blocks,
            String topHash, String noTopHash) {
        this.modelName = modelName;
        this.widthCoefficient = widthCoefficient;
        this.depthCoefficient = depthCoefficient;
        this.defaultSize = defaultSize;
        this.blocks = blocks;
        this.topHash = topHash;
        this.noTopHash = noTopHash;
    }

    /** Whether the model rescales (and for B0-B3 normalizes) its [0, 255] inputs itself (default true). */
    @SuppressWarnings("unchecked")
    public T includePreprocessing(boolean includePreprocessing) {
        this.includePreprocessing = includePreprocessing;
        return (T) this;
    }

    /** The identity (a float32 copy): the model preprocesses its inputs itself unless {@code includePreprocessing(false)}. */
    public static INDArray preprocessInput(INDArray x) {
        return ImagenetUtils.passThrough(x);
    }

    @Override
    int defaultSize(long[] given) {
        return defaultSize;
    }

    /** Keras's V2 {@code round_filters}: filters times the width coefficient, to the nearest multiple of 8 (at least 8). */
    private int roundFilters(int filters) {
        double scaled = filters * widthCoefficient;
        return Math.max(8, (int) (scaled + 4) / 8 * 8);
    }

    private static VarianceScaling convInitializer() {
        return new VarianceScaling(2.0, "fan_out", "truncated_normal", null);
    }

    @Override
    KerasTensor body(KerasTensor input, long[] shape, boolean imagenet) {
        KerasTensor x = input;
        if (includePreprocessing) {
            if (modelName.startsWith("efficientnetv2-b") && shape[2] == 3) {
                x = named(new Rescaling(1.0 / 255), null).apply(x);
                x = named(new Normalization(3).mean(Nd4j.createFromArray(0.485, 0.456, 0.406))
                        .variance(Nd4j.createFromArray(0.229 * 0.229, 0.224 * 0.224, 0.225 * 0.225)), null).apply(x);
            } else {
                x = named(new Rescaling(1.0 / 128.0, -1), null).apply(x);
            }
        }
        x = new Conv2D(roundFilters(blocks[0][2]), 3).strides(2, 2).kernelInitializer(convInitializer()).padding("same").useBias(false)
                .name("stem_conv").apply(x);
        x = new BatchNormalization().axis(3).momentum(BN_MOMENTUM).name("stem_bn").apply(x);
        x = new Activation("swish").name("stem_activation").apply(x);
        int total = 0;
        for (int[] stage : blocks) {
            total += stage[1];
        }
        int b = 0;
        for (int i = 0; i < blocks.length; i++) {
            int[] stage = blocks[i];
            int filtersIn = roundFilters(stage[2]);
            int filtersOut = roundFilters(stage[3]);
            int strides = stage[6];
            int repeats = (int) Math.ceil(depthCoefficient * stage[1]);
            for (int j = 0; j < repeats; j++) {
                if (j > 0) {
                    strides = 1;
                    filtersIn = filtersOut;
                }
                String name = "block" + (i + 1) + (char) ('a' + j) + "_";
                double dropRate = DROP_CONNECT_RATE * b / total;
                x = stage[7] == 1
                        ? fusedBlock(x, filtersIn, filtersOut, stage[4], stage[0], strides, stage[5] / 100.0, dropRate, name)
                        : block(x, filtersIn, filtersOut, stage[4], stage[0], strides, stage[5] / 100.0, dropRate, name);
                b++;
            }
        }
        x = new Conv2D(roundFilters(1280), 1).strides(1, 1).kernelInitializer(convInitializer()).padding("same").useBias(false)
                .name("top_conv").apply(x);
        x = new BatchNormalization().axis(3).momentum(BN_MOMENTUM).name("top_bn").apply(x);
        x = new Activation("swish").name("top_activation").apply(x);
        if (!includeTop) {
            return top(x, "avg_pool", "max_pool");
        }
        x = new GlobalAveragePooling2D().name("avg_pool").apply(x);
        x = new Dropout(DROPOUT_RATE).name("top_dropout").apply(x);
        return new Dense(classes).activation(classifierActivation).kernelInitializer(new VarianceScaling(1.0 / 3.0, "fan_out", "uniform", null))
                .biasInitializer(new Constant(0.0)).name("predictions").apply(x);
    }

    /** Keras's {@code MBConvBlock}: 1x1 expansion, depthwise convolution, squeeze-and-excitation, 1x1 projection. */
    private static KerasTensor block(KerasTensor inputs, int filtersIn, int filtersOut, int expandRatio, int kernel, int strides,
            double seRatio, double dropRate, String name) {
        int filters = filtersIn * expandRatio;
        KerasTensor x = inputs;
        if (expandRatio != 1) {
            x = new Conv2D(filters, 1).strides(1, 1).kernelInitializer(convInitializer()).padding("same").useBias(false)
                    .name(name + "expand_conv").apply(x);
            x = new BatchNormalization().axis(3).momentum(BN_MOMENTUM).name(name + "expand_bn").apply(x);
            x = new Activation("swish").name(name + "expand_activation").apply(x);
        }
        x = new DepthwiseConv2D(kernel).strides(strides, strides).depthwiseInitializer(convInitializer()).padding("same").useBias(false)
                .name(name + "dwconv2").apply(x);
        x = new BatchNormalization().axis(3).momentum(BN_MOMENTUM).name(name + "bn").apply(x);
        x = new Activation("swish").name(name + "activation").apply(x);
        x = squeezeExcite(x, filtersIn, filters, seRatio, name);
        x = new Conv2D(filtersOut, 1).strides(1, 1).kernelInitializer(convInitializer()).padding("same").useBias(false)
                .name(name + "project_conv").apply(x);
        x = new BatchNormalization().axis(3).momentum(BN_MOMENTUM).name(name + "project_bn").apply(x);
        return residual(inputs, x, filtersIn, filtersOut, strides, dropRate, name);
    }

    /** Keras's {@code FusedMBConvBlock}: a full convolution expands (or, without expansion, is the projection). */
    private static KerasTensor fusedBlock(KerasTensor inputs, int filtersIn, int filtersOut, int expandRatio, int kernel, int strides,
            double seRatio, double dropRate, String name) {
        int filters = filtersIn * expandRatio;
        KerasTensor x = inputs;
        if (expandRatio != 1) {
            x = new Conv2D(filters, kernel).strides(strides, strides).kernelInitializer(convInitializer()).padding("same").useBias(false)
                    .name(name + "expand_conv").apply(x);
            x = new BatchNormalization().axis(3).momentum(BN_MOMENTUM).name(name + "expand_bn").apply(x);
            x = new Activation("swish").name(name + "expand_activation").apply(x);
        }
        x = squeezeExcite(x, filtersIn, filters, seRatio, name);
        int projectKernel = expandRatio != 1 ? 1 : kernel;
        int projectStrides = expandRatio != 1 ? 1 : strides;
        x = new Conv2D(filtersOut, projectKernel).strides(projectStrides, projectStrides).kernelInitializer(convInitializer())
                .padding("same").useBias(false).name(name + "project_conv").apply(x);
        x = new BatchNormalization().axis(3).momentum(BN_MOMENTUM).name(name + "project_bn").apply(x);
        if (expandRatio == 1) {
            x = new Activation("swish").name(name + "project_activation").apply(x);
        }
        return residual(inputs, x, filtersIn, filtersOut, strides, dropRate, name);
    }

    private static KerasTensor squeezeExcite(KerasTensor x, int filtersIn, int filters, double seRatio, String name) {
        if (!(seRatio > 0 && seRatio <= 1)) {
            return x;
        }
        int filtersSe = Math.max(1, (int) (filtersIn * seRatio));
        KerasTensor se = new GlobalAveragePooling2D().name(name + "se_squeeze").apply(x);
        se = new Reshape(1, 1, filters).name(name + "se_reshape").apply(se);
        se = new Conv2D(filtersSe, 1).padding("same").activation("swish").kernelInitializer(convInitializer()).name(name + "se_reduce").apply(se);
        se = new Conv2D(filters, 1).padding("same").activation("sigmoid").kernelInitializer(convInitializer()).name(name + "se_expand").apply(se);
        return new Multiply().name(name + "se_excite").apply(x, se);
    }

    private static KerasTensor residual(KerasTensor inputs, KerasTensor x, int filtersIn, int filtersOut, int strides, double dropRate,
            String name) {
        if (strides != 1 || filtersIn != filtersOut) {
            return x;
        }
        if (dropRate > 0) {
            x = new Dropout(dropRate).noiseShape(-1, 1, 1, 1).name(name + "drop").apply(x);
        }
        return new Add().name(name + "add").apply(x, inputs);
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
