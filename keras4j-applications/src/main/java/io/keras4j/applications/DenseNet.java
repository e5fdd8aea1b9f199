package io.keras4j.applications;

import io.keras4j.engine.KerasTensor;
import io.keras4j.layers.Activation;
import io.keras4j.layers.AveragePooling2D;
import io.keras4j.layers.BatchNormalization;
import io.keras4j.layers.Concatenate;
import io.keras4j.layers.Conv2D;
import io.keras4j.layers.MaxPooling2D;
import io.keras4j.layers.ZeroPadding2D;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * The DenseNet family (Huang et al., 2017), as keras/src/applications/densenet.py: a padded 7x7 stride-2 convolution
 * and max pooling, four dense blocks (each building block appends 32 new channels: BN-ReLU-1x1 conv to 128 channels,
 * BN-ReLU-3x3 conv to 32, concatenated to its input) joined by transition blocks (BN-ReLU-1x1 conv halving the
 * channels, 2x2 average pooling), a final BN-ReLU and the classifier. Default input 224x224x3, minimum 32x32.
 *
 * @param <T> the concrete model
 */
public abstract class DenseNet<T extends DenseNet<T>> extends Application<T> {
    private static final String BASE_URL = "https://storage.googleapis.com/tensorflow/keras-applications/densenet/";
    private static final int GROWTH_RATE = 32;

    private final String modelName;
    private final int[] blocks;
    private final String topHash;
    private final String noTopHash;

    /** @param blocks the number of building blocks of each of the four dense blocks */
    DenseNet(String modelName, int[] blocks, String topHash, String noTopHash) {
        this.modelName = modelName;
        this.blocks = blocks;
        this.topHash = topHash;
        this.noTopHash = noTopHash;
    }

    /** Scales pixels to [0, 1], then normalizes each channel by ImageNet's mean and deviation (Keras's "torch" mode). */
    public static INDArray preprocessInput(INDArray x) {
        return ImagenetUtils.preprocessInput(x, "torch");
    }

    @Override
    KerasTensor body(KerasTensor input, long[] shape, boolean imagenet) {
        KerasTensor x = new ZeroPadding2D(List.of(List.of(3, 3), List.of(3, 3))).apply(input);
        x = new Conv2D(64, 7).strides(2, 2).useBias(false).name("conv1_conv").apply(x);
        x = batchNorm("conv1_bn").apply(x);
        x = new Activation("relu").name("conv1_relu").apply(x);
        x = new ZeroPadding2D(List.of(List.of(1, 1), List.of(1, 1))).apply(x);
        x = new MaxPooling2D(3).strides(2, 2).name("pool1").apply(x);
        for (int b = 0; b < 4; b++) {
            for (int i = 1; i <= blocks[b]; i++) {
                x = convBlock(x, "conv" + (b + 2) + "_block" + i);
            }
            if (b < 3) {
                x = transition(x, "pool" + (b + 2));
            }
        }
        x = batchNorm("bn").apply(x);
        x = new Activation("relu").name("relu").apply(x);
        return top(x, "avg_pool", "max_pool");
    }

    private static KerasTensor convBlock(KerasTensor x, String name) {
        KerasTensor y = batchNorm(name + "_0_bn").apply(x);
        y = new Activation("relu").name(name + "_0_relu").apply(y);
        y = new Conv2D(4 * GROWTH_RATE, 1).useBias(false).name(name + "_1_conv").apply(y);
        y = batchNorm(name + "_1_bn").apply(y);
        y = new Activation("relu").name(name + "_1_relu").apply(y);
        y = new Conv2D(GROWTH_RATE, 3).padding("same").useBias(false).name(name + "_2_conv").apply(y);
        return new Concatenate(3).name(name + "_concat").apply(x, y);
    }

    private static KerasTensor transition(KerasTensor x, String name) {
        x = batchNorm(name + "_bn").apply(x);
        x = new Activation("relu").name(name + "_relu").apply(x);
        x = new Conv2D((int) (x.shape()[3] * 0.5), 1).useBias(false).name(name + "_conv").apply(x);
        return new AveragePooling2D(2).strides(2).name(name + "_pool").apply(x);
    }

    private static BatchNormalization batchNorm(String name) {
        return new BatchNormalization().axis(3).epsilon(1.001e-5).name(name);
    }

    @Override
    String defaultName(long[] shape, boolean imagenet) {
        return modelName;
    }

    @Override
    WeightFiles.Remote imagenetWeights(long[] shape) {
        String file = modelName + "_weights_tf_dim_ordering_tf_kernels" + (includeTop ? "" : "_notop") + ".h5";
        return WeightFiles.Remote.of(BASE_URL, file, includeTop ? topHash : noTopHash);
    }
}
