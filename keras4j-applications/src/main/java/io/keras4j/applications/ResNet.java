package io.keras4j.applications;

import io.keras4j.engine.KerasTensor;
import io.keras4j.layers.Activation;
import io.keras4j.layers.Add;
import io.keras4j.layers.BatchNormalization;
import io.keras4j.layers.Conv2D;
import io.keras4j.layers.MaxPooling2D;
import io.keras4j.layers.ZeroPadding2D;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * The ResNet family (He et al., 2015 and 2016), as keras/src/applications/resnet.py {@code ResNet}: a padded 7x7
 * stride-2 convolution, a 3x3 stride-2 max pooling, four stacks of bottleneck blocks (1x1, 3x3, 1x1 convolutions with
 * 64, 128, 256, 512 filters and 4x as many outputs) and the classifier. V1 blocks ({@link ResNet50}) normalize after
 * each convolution and add before the last ReLU; V2 blocks ({@link ResNet50V2}) normalize and activate before each
 * convolution ("pre-activation"). Default input 224x224x3, minimum 32x32.
 *
 * @param <T> the concrete model
 */
public abstract class ResNet<T extends ResNet<T>> extends Application<T> {
    private static final String BASE_URL = "https://storage.googleapis.com/tensorflow/keras-applications/resnet/";
    private static final int[] FILTERS = {64, 128, 256, 512};

    private final String weightsName;
    private final int[] blocks;
    private final boolean preact;
    private final String topHash;
    private final String noTopHash;

    /**
     * @param weightsName Keras's model name and weights prefix ("resnet50")
     * @param blocks      the number of blocks of each of the four stacks
     * @param preact      V2 pre-activation blocks
     */
    ResNet(String weightsName, int[] blocks, boolean preact, String topHash, String noTopHash) {
        this.weightsName = weightsName;
        this.blocks = blocks;
        this.preact = preact;
        this.topHash = topHash;
        this.noTopHash = noTopHash;
    }

    /** Converts RGB images in [0, 255] to BGR minus the ImageNet channel means (Keras's "caffe" mode). */
    public static INDArray preprocessInput(INDArray x) {
        return ImagenetUtils.preprocessInput(x, "caffe");
    }

    @Override
    KerasTensor body(KerasTensor input, long[] shape, boolean imagenet) {
        KerasTensor x = new ZeroPadding2D(List.of(List.of(3, 3), List.of(3, 3))).name("conv1_pad").apply(input);
        x = new Conv2D(64, 7).strides(2, 2).useBias(true).name("conv1_conv").apply(x);
        if (!preact) {
            x = batchNorm("conv1_bn").apply(x);
            x = new Activation("relu").name("conv1_relu").apply(x);
        }
        x = new ZeroPadding2D(List.of(List.of(1, 1), List.of(1, 1))).name("pool1_pad").apply(x);
        x = new MaxPooling2D(3).strides(2, 2).name("pool1_pool").apply(x);
        for (int stack = 0; stack < 4; stack++) {
            x = preact ? stackV2(x, stack) : stackV1(x, stack);
        }
        if (preact) {
            x = batchNorm("post_bn").apply(x);
            x = new Activation("relu").name("post_relu").apply(x);
        }
        return top(x, "avg_pool", "max_pool");
    }

    /** Keras's {@code stack_residual_blocks_v1}: the first block strided (except in conv2) with a convolution shortcut. */
    private KerasTensor stackV1(KerasTensor x, int stack) {
        String name = "conv" + (stack + 2);
        x = blockV1(x, FILTERS[stack], stack == 0 ? 1 : 2, true, name + "_block1");
        for (int i = 2; i <= blocks[stack]; i++) {
            x = blockV1(x, FILTERS[stack], 1, false, name + "_block" + i);
        }
        return x;
    }

    private static KerasTensor blockV1(KerasTensor x, int filters, int stride, boolean convShortcut, String name) {
        KerasTensor shortcut = x;
        if (convShortcut) {
            shortcut = new Conv2D(4 * filters, 1).strides(stride, stride).name(name + "_0_conv").apply(x);
            shortcut = batchNorm(name + "_0_bn").apply(shortcut);
        }
        x = new Conv2D(filters, 1).strides(stride, stride).name(name + "_1_conv").apply(x);
        x = batchNorm(name + "_1_bn").apply(x);
        x = new Activation("relu").name(name + "_1_relu").apply(x);
        x = new Conv2D(filters, 3).padding("same").name(name + "_2_conv").apply(x);
        x = batchNorm(name + "_2_bn").apply(x);
        x = new Activation("relu").name(name + "_2_relu").apply(x);
        x = new Conv2D(4 * filters, 1).name(name + "_3_conv").apply(x);
        x = batchNorm(name + "_3_bn").apply(x);
        x = new Add().name(name + "_add").apply(shortcut, x);
        return new Activation("relu").name(name + "_out").apply(x);
    }

    /** Keras's {@code stack_residual_blocks_v2}: a convolution shortcut first, the last block strided (except in conv5). */
    private KerasTensor stackV2(KerasTensor x, int stack) {
        String name = "conv" + (stack + 2);
        int n = blocks[stack];
        x = blockV2(x, FILTERS[stack], 1, true, name + "_block1");
        for (int i = 2; i < n; i++) {
            x = blockV2(x, FILTERS[stack], 1, false, name + "_block" + i);
        }
        return blockV2(x, FILTERS[stack], stack == 3 ? 1 : 2, false, name + "_block" + n);
    }

    private static KerasTensor blockV2(KerasTensor x, int filters, int stride, boolean convShortcut, String name) {
        KerasTensor preact = batchNorm(name + "_preact_bn").apply(x);
        preact = new Activation("relu").name(name + "_preact_relu").apply(preact);
        KerasTensor shortcut;
        if (convShortcut) {
            shortcut = new Conv2D(4 * filters, 1).strides(stride, stride).name(name + "_0_conv").apply(preact);
        } else {
            shortcut = stride > 1 ? new MaxPooling2D(1).strides(stride, stride).apply(x) : x;
        }
        KerasTensor y = new Conv2D(filters, 1).useBias(false).name(name + "_1_conv").apply(preact);
        y = batchNorm(name + "_1_bn").apply(y);
        y = new Activation("relu").name(name + "_1_relu").apply(y);
        y = new ZeroPadding2D(List.of(List.of(1, 1), List.of(1, 1))).name(name + "_2_pad").apply(y);
        y = new Conv2D(filters, 3).strides(stride, stride).useBias(false).name(name + "_2_conv").apply(y);
        y = batchNorm(name + "_2_bn").apply(y);
        y = new Activation("relu").name(name + "_2_relu").apply(y);
        y = new Conv2D(4 * filters, 1).name(name + "_3_conv").apply(y);
        return new Add().name(name + "_out").apply(shortcut, y);
    }

    private static BatchNormalization batchNorm(String name) {
        return new BatchNormalization().axis(3).epsilon(1.001e-5).name(name);
    }

    @Override
    String defaultName(long[] shape, boolean imagenet) {
        return weightsName;
    }

    @Override
    WeightFiles.Remote imagenetWeights(long[] shape) {
        String file = weightsName + "_weights_tf_dim_ordering_tf_kernels" + (includeTop ? "" : "_notop") + ".h5";
        return WeightFiles.Remote.of(BASE_URL, file, includeTop ? topHash : noTopHash);
    }
}
