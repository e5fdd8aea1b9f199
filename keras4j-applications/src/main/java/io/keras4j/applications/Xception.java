package io.keras4j.applications;

import io.keras4j.engine.KerasTensor;
import io.keras4j.layers.Activation;
import io.keras4j.layers.Add;
import io.keras4j.layers.BatchNormalization;
import io.keras4j.layers.Conv2D;
import io.keras4j.layers.MaxPooling2D;
import io.keras4j.layers.SeparableConv2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Xception (Chollet, 2017), as keras/src/applications/xception.py: an entry flow (two convolutions, then three blocks of
 * separable convolutions with strided 1x1 convolution shortcuts), a middle flow of eight residual blocks of three
 * 728-channel separable convolutions, an exit flow and the classifier. Default input 299x299x3, minimum 71x71.
 *
 * <pre>{@code
 * Model model = new Xception().build();     // ImageNet weights
 * INDArray probabilities = model.predict(Xception.preprocessInput(images));
 * }</pre>
 */
public class Xception extends Application<Xception> {
    private static final String BASE_URL = "https://storage.googleapis.com/tensorflow/keras-applications/xception/";

    /** Scales pixels from [0, 255] to [-1, 1] (Keras's "tf" mode). */
    public static INDArray preprocessInput(INDArray x) {
        return ImagenetUtils.preprocessInput(x, "tf");
    }

    @Override
    int defaultSize(long[] given) {
        return 299;
    }

    @Override
    int minSize() {
        return 71;
    }

    @Override
    KerasTensor body(KerasTensor input, long[] shape, boolean imagenet) {
        KerasTensor x = new Conv2D(32, 3, 3).strides(2, 2).useBias(false).name("block1_conv1").apply(input);
        x = batchNorm("block1_conv1_bn").apply(x);
        x = new Activation("relu").name("block1_conv1_act").apply(x);
        x = new Conv2D(64, 3, 3).useBias(false).name("block1_conv2").apply(x);
        x = batchNorm("block1_conv2_bn").apply(x);
        x = new Activation("relu").name("block1_conv2_act").apply(x);
        x = entryBlock(x, 128, 128, 2, false);
        x = entryBlock(x, 256, 256, 3, true);
        x = entryBlock(x, 728, 728, 4, true);
        for (int i = 0; i < 8; i++) {
            KerasTensor residual = x;
            String prefix = "block" + (i + 5);
            for (int k = 1; k <= 3; k++) {
                x = new Activation("relu").name(prefix + "_sepconv" + k + "_act").apply(x);
                x = separable(728, prefix + "_sepconv" + k).apply(x);
                x = batchNorm(prefix + "_sepconv" + k + "_bn").apply(x);
            }
            x = named(new Add(), null).apply(x, residual);
        }
        x = entryBlock(x, 728, 1024, 13, true);
        x = separable(1536, "block14_sepconv1").apply(x);
        x = batchNorm("block14_sepconv1_bn").apply(x);
        x = new Activation("relu").name("block14_sepconv1_act").apply(x);
        x = separable(2048, "block14_sepconv2").apply(x);
        x = batchNorm("block14_sepconv2_bn").apply(x);
        x = new Activation("relu").name("block14_sepconv2_act").apply(x);
        return includeTop ? classifier(x, "avg_pool") : top(x, null, null);
    }

    /**
     * A downsampling block: a strided 1x1 convolution shortcut, two separable convolutions ({@code filters1},
     * {@code filters2} channels, the first preceded by a ReLU when {@code leadingRelu}), a strided max pooling, the sum.
     */
    private static KerasTensor entryBlock(KerasTensor x, int filters1, int filters2, int block, boolean leadingRelu) {
        String prefix = "block" + block;
        KerasTensor residual = named(new Conv2D(filters2, 1, 1).strides(2, 2).padding("same").useBias(false), null).apply(x);
        residual = named(new BatchNormalization().axis(-1), null).apply(residual);
        if (leadingRelu) {
            x = new Activation("relu").name(prefix + "_sepconv1_act").apply(x);
        }
        x = separable(filters1, prefix + "_sepconv1").apply(x);
        x = batchNorm(prefix + "_sepconv1_bn").apply(x);
        x = new Activation("relu").name(prefix + "_sepconv2_act").apply(x);
        x = separable(filters2, prefix + "_sepconv2").apply(x);
        x = batchNorm(prefix + "_sepconv2_bn").apply(x);
        x = new MaxPooling2D(3, 3).strides(2, 2).padding("same").name(prefix + "_pool").apply(x);
        return named(new Add(), null).apply(x, residual);
    }

    private static SeparableConv2D separable(int filters, String name) {
        return new SeparableConv2D(filters, 3, 3).padding("same").useBias(false).name(name);
    }

    private static BatchNormalization batchNorm(String name) {
        return new BatchNormalization().axis(-1).name(name);
    }

    @Override
    String defaultName(long[] shape, boolean imagenet) {
        return "xception";
    }

    @Override
    WeightFiles.Remote imagenetWeights(long[] shape) {
        return includeTop
                ? WeightFiles.Remote.of(BASE_URL, "xception_weights_tf_dim_ordering_tf_kernels.h5", "0a58e3b7378bc2990ea3b43d5981f1f6")
                : WeightFiles.Remote.of(BASE_URL, "xception_weights_tf_dim_ordering_tf_kernels_notop.h5", "b0042744bf5b25fce3cb969f33bebb97");
    }
}
