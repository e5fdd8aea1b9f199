package io.keras4j.applications;

import io.keras4j.engine.KerasTensor;
import io.keras4j.layers.Activation;
import io.keras4j.layers.AveragePooling2D;
import io.keras4j.layers.BatchNormalization;
import io.keras4j.layers.Concatenate;
import io.keras4j.layers.Conv2D;
import io.keras4j.layers.MaxPooling2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inception-v3 (Szegedy et al., 2015), as keras/src/applications/inception_v3.py: a convolutional stem, three 35x35
 * Inception blocks ({@code mixed0-2}), a grid reduction ({@code mixed3}), four 17x17 blocks with factorized 7x7
 * convolutions ({@code mixed4-7}), a second reduction ({@code mixed8}), two 8x8 blocks with split 3x3 convolutions
 * ({@code mixed9-10}) and the classifier. Every convolution is followed by batch normalization without scale and a
 * ReLU. Default input 299x299x3, minimum 75x75.
 *
 * <pre>{@code
 * Model model = new InceptionV3().build();     // ImageNet weights
 * INDArray probabilities = model.predict(InceptionV3.preprocessInput(images));
 * }</pre>
 */
public class InceptionV3 extends Application<InceptionV3> {
    private static final String BASE_URL = "https://storage.googleapis.com/tensorflow/keras-applications/inception_v3/";

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
        return 75;
    }

    /** Keras's {@code conv2d_bn}: convolution without bias, batch normalization without scale, ReLU. */
    private static KerasTensor convBn(KerasTensor x, int filters, int rows, int cols, String padding, int stride) {
        x = named(new Conv2D(filters, rows, cols).strides(stride, stride).padding(padding).useBias(false), null).apply(x);
        x = named(new BatchNormalization().axis(3).scale(false), null).apply(x);
        return named(new Activation("relu"), null).apply(x);
    }

    private static KerasTensor convBn(KerasTensor x, int filters, int rows, int cols) {
        return convBn(x, filters, rows, cols, "same", 1);
    }

    private static KerasTensor averagePool3x3(KerasTensor x) {
        return named(new AveragePooling2D(3, 3).strides(1, 1).padding("same"), null).apply(x);
    }

    private static KerasTensor concat(String name, KerasTensor... branches) {
        return named(new Concatenate(3), name).apply(branches);
    }

    @Override
    KerasTensor body(KerasTensor input, long[] shape, boolean imagenet) {
        KerasTensor x = convBn(input, 32, 3, 3, "valid", 2);
        x = convBn(x, 32, 3, 3, "valid", 1);
        x = convBn(x, 64, 3, 3);
        x = named(new MaxPooling2D(3, 3).strides(2, 2), null).apply(x);
        x = convBn(x, 80, 1, 1, "valid", 1);
        x = convBn(x, 192, 3, 3, "valid", 1);
        x = named(new MaxPooling2D(3, 3).strides(2, 2), null).apply(x);
        for (int i = 0; i < 3; i++) {
            x = block35(x, i == 0 ? 32 : 64, "mixed" + i);
        }
        KerasTensor branch3x3 = convBn(x, 384, 3, 3, "valid", 2);
        KerasTensor branch3x3dbl = convBn(x, 64, 1, 1);
        branch3x3dbl = convBn(branch3x3dbl, 96, 3, 3);
        branch3x3dbl = convBn(branch3x3dbl, 96, 3, 3, "valid", 2);
        KerasTensor pool = named(new MaxPooling2D(3, 3).strides(2, 2), null).apply(x);
        x = concat("mixed3", branch3x3, branch3x3dbl, pool);
        x = block17(x, 128, "mixed4");
        x = block17(x, 160, "mixed5");
        x = block17(x, 160, "mixed6");
        x = block17(x, 192, "mixed7");
        branch3x3 = convBn(x, 192, 1, 1);
        branch3x3 = convBn(branch3x3, 320, 3, 3, "valid", 2);
        KerasTensor branch7x7x3 = convBn(x, 192, 1, 1);
        branch7x7x3 = convBn(branch7x7x3, 192, 1, 7);
        branch7x7x3 = convBn(branch7x7x3, 192, 7, 1);
        branch7x7x3 = convBn(branch7x7x3, 192, 3, 3, "valid", 2);
        pool = named(new MaxPooling2D(3, 3).strides(2, 2), null).apply(x);
        x = concat("mixed8", branch3x3, branch7x7x3, pool);
        for (int i = 0; i < 2; i++) {
            x = block8(x, i);
        }
        return includeTop ? classifier(x, "avg_pool") : top(x, null, null);
    }

    /** A 35x35 block: 1x1, 5x5, double 3x3 and pooled branches. */
    private static KerasTensor block35(KerasTensor x, int poolFilters, String name) {
        KerasTensor branch1x1 = convBn(x, 64, 1, 1);
        KerasTensor branch5x5 = convBn(x, 48, 1, 1);
        branch5x5 = convBn(branch5x5, 64, 5, 5);
        KerasTensor branch3x3dbl = convBn(x, 64, 1, 1);
        branch3x3dbl = convBn(branch3x3dbl, 96, 3, 3);
        branch3x3dbl = convBn(branch3x3dbl, 96, 3, 3);
        KerasTensor pool = convBn(averagePool3x3(x), poolFilters, 1, 1);
        return concat(name, branch1x1, branch5x5, branch3x3dbl, pool);
    }

    /** A 17x17 block whose 7x7 convolutions are factorized into 1x7 and 7x1 with {@code width} channels. */
    private static KerasTensor block17(KerasTensor x, int width, String name) {
        KerasTensor branch1x1 = convBn(x, 192, 1, 1);
        KerasTensor branch7x7 = convBn(x, width, 1, 1);
        branch7x7 = convBn(branch7x7, width, 1, 7);
        branch7x7 = convBn(branch7x7, 192, 7, 1);
        KerasTensor branch7x7dbl = convBn(x, width, 1, 1);
        branch7x7dbl = convBn(branch7x7dbl, width, 7, 1);
        branch7x7dbl = convBn(branch7x7dbl, width, 1, 7);
        branch7x7dbl = convBn(branch7x7dbl, width, 7, 1);
        branch7x7dbl = convBn(branch7x7dbl, 192, 1, 7);
        KerasTensor pool = convBn(averagePool3x3(x), 192, 1, 1);
        return concat(name, branch1x1, branch7x7, branch7x7dbl, pool);
    }

    /** An 8x8 block ({@code mixed9}, {@code mixed10}) whose 3x3 convolutions split into parallel 1x3 and 3x1. */
    private static KerasTensor block8(KerasTensor x, int i) {
        KerasTensor branch1x1 = convBn(x, 320, 1, 1);
        KerasTensor branch3x3 = convBn(x, 384, 1, 1);
        KerasTensor branch3x3a = convBn(branch3x3, 384, 1, 3);
        KerasTensor branch3x3b = convBn(branch3x3, 384, 3, 1);
        branch3x3 = concat("mixed9_" + i, branch3x3a, branch3x3b);
        KerasTensor branch3x3dbl = convBn(x, 448, 1, 1);
        branch3x3dbl = convBn(branch3x3dbl, 384, 3, 3);
        KerasTensor branch3x3dblA = convBn(branch3x3dbl, 384, 1, 3);
        KerasTensor branch3x3dblB = convBn(branch3x3dbl, 384, 3, 1);
        branch3x3dbl = concat(null, branch3x3dblA, branch3x3dblB);
        KerasTensor pool = convBn(averagePool3x3(x), 192, 1, 1);
        return concat("mixed" + (9 + i), branch1x1, branch3x3, branch3x3dbl, pool);
    }

    @Override
    String defaultName(long[] shape, boolean imagenet) {
        return "inception_v3";
    }

    @Override
    WeightFiles.Remote imagenetWeights(long[] shape) {
        return includeTop
                ? WeightFiles.Remote.of(BASE_URL, "inception_v3_weights_tf_dim_ordering_tf_kernels.h5", "9a0d58056eeedaa3f26cb7ebd46da564")
                : WeightFiles.Remote.of(BASE_URL, "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5", "bcbd6486424b2319ff4ef7d526e38f63");
    }
}
