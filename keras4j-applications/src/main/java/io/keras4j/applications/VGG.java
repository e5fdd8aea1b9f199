package io.keras4j.applications;

import io.keras4j.engine.KerasTensor;
import io.keras4j.layers.Conv2D;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Flatten;
import io.keras4j.layers.MaxPooling2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The VGG family (Simonyan and Zisserman, 2014), as keras/src/applications/vgg16.py and vgg19.py: five blocks of 3x3
 * "same" ReLU convolutions (64, 128, 256, 512, 512 filters) each closed by a 2x2 max pooling, then {@code Flatten}, two
 * 4096-unit ReLU layers and the classifier. Default input 224x224x3, minimum 32x32.
 *
 * @param <T> the concrete model
 */
public abstract class VGG<T extends VGG<T>> extends Application<T> {
    private static final String BASE_URL = "https://storage.googleapis.com/tensorflow/keras-applications/";
    private static final int[] FILTERS = {64, 128, 256, 512, 512};

    private final String modelName;
    private final int[] convs;
    private final String topHash;
    private final String noTopHash;

    /** @param convs the number of convolutions of each of the five blocks */
    VGG(String modelName, int[] convs, String topHash, String noTopHash) {
        this.modelName = modelName;
        this.convs = convs;
        this.topHash = topHash;
        this.noTopHash = noTopHash;
    }

    /** Converts RGB images in [0, 255] to BGR minus the ImageNet channel means (Keras's "caffe" mode). */
    public static INDArray preprocessInput(INDArray x) {
        return ImagenetUtils.preprocessInput(x, "caffe");
    }

    @Override
    KerasTensor body(KerasTensor input, long[] shape, boolean imagenet) {
        KerasTensor x = input;
        for (int block = 1; block <= 5; block++) {
            for (int i = 1; i <= convs[block - 1]; i++) {
                x = new Conv2D(FILTERS[block - 1], 3, 3).activation("relu").padding("same")
                        .name("block" + block + "_conv" + i).apply(x);
            }
            x = new MaxPooling2D(2, 2).strides(2, 2).name("block" + block + "_pool").apply(x);
        }
        if (!includeTop) {
            return top(x, null, null);
        }
        x = new Flatten().name("flatten").apply(x);
        x = new Dense(4096, "relu").name("fc1").apply(x);
        x = new Dense(4096, "relu").name("fc2").apply(x);
        return new Dense(classes).activation(classifierActivation).name("predictions").apply(x);
    }

    @Override
    String defaultName(long[] shape, boolean imagenet) {
        return modelName;
    }

    @Override
    WeightFiles.Remote imagenetWeights(long[] shape) {
        String file = modelName + "_weights_tf_dim_ordering_tf_kernels" + (includeTop ? "" : "_notop") + ".h5";
        return WeightFiles.Remote.of(BASE_URL + modelName + "/", file, includeTop ? topHash : noTopHash);
    }
}
