package io.keras4j.samples;

import io.keras4j.applications.MobileNetV2;
import io.keras4j.datasets.FashionMnist;
import io.keras4j.datasets.TrainTestData;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Layer;
import io.keras4j.layers.BatchNormalization;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Dropout;
import io.keras4j.layers.GlobalAveragePooling2D;
import io.keras4j.layers.Input;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Model;
import io.keras4j.optimizers.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

/**
 * Transfer learning and fine-tuning, as Keras's guide guides/transfer_learning.py: a MobileNetV2 base (ImageNet
 * weights when they can be found) is frozen under a new classifier, the classifier is trained, then the base's top
 * blocks are unfrozen (batch normalization stays frozen, in inference mode) and trained on with a low learning rate.
 *
 * <p>Data: the first {@code n} Fashion-MNIST images (default 1000, test n / 4), padded to 32x32 and repeated over 3
 * channels, scaled to [-1, 1] by {@code MobileNetV2.preprocessInput}. Usage: {@code TransferLearning [n] [epochs]}
 * (default 2 epochs per phase).
 * Weights are looked for as {@code MobileNetV2} does (the file
 * {@code mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top.h5} in {@code $KERAS4J_MODELS},
 * {@code ~/.keras4j/models}, {@code ~/.keras/models}, else downloaded); without them the base starts from random
 * initialization, which the sample says: accuracy then stays near chance, as there is nothing to transfer.
 */
public final class TransferLearning {
    private static final int SIZE = 32;
    /** The layers of the base unfrozen for fine-tuning: its last inverted residual block and the last convolution. */
    private static final String FINE_TUNE_FROM = "block_16_expand";

    private TransferLearning() {
    }

    /** Fashion-MNIST images (n, 28, 28) as (n, 32, 32, 3): zero-padded by 2 pixels and repeated over 3 channels. */
    static INDArray rgb32(INDArray raw, int n) {
        INDArray x = raw.get(NDArrayIndex.interval(0, n)).castTo(DataType.FLOAT);
        INDArray padded = Nd4j.zeros(DataType.FLOAT, n, SIZE, SIZE);
        padded.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 30), NDArrayIndex.interval(2, 30)).assign(x);
        INDArray one = padded.reshape(n, SIZE, SIZE, 1);
        return Nd4j.concat(3, one, one, one);
    }

    /** The base: MobileNetV2 (alpha 0.35) without its classifier, with ImageNet weights if they can be found. */
    static Model base() {
        MobileNetV2 base = new MobileNetV2().alpha(0.35).includeTop(false).inputShape(SIZE, SIZE, 3);
        try {
            Model model = base.build();
            System.out.println("Loaded ImageNet weights for the MobileNetV2 base.");
            return model;
        } catch (IllegalStateException e) {
            System.out.println("ImageNet weights not available (" + e.getMessage().lines().findFirst().orElse("") + ")");
            System.out.println("Starting the base from random initialization: there is nothing to transfer, and behind frozen "
                    + "(inference-mode) batch normalization random features fade through the 17 blocks, so expect accuracy near "
                    + "chance (0.1). Put the weight file in ~/.keras4j/models to see transfer learning.");
            return base.weights((String) null).build();
        }
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        TrainTestData data = FashionMnist.loadData();
        INDArray xTrain = MobileNetV2.preprocessInput(rgb32(data.xTrain(), n));
        INDArray yTrain = data.yTrain().get(NDArrayIndex.interval(0, n)).castTo(DataType.FLOAT);
        int nTest = Math.max(1, n / 4);
        INDArray xTest = MobileNetV2.preprocessInput(rgb32(data.xTest(), nTest));
        INDArray yTest = data.yTest().get(NDArrayIndex.interval(0, nTest)).castTo(DataType.FLOAT);

        Model base = base();
        for (Layer layer : base.layers()) {
            layer.trainable(false);
        }
        KerasTensor inputs = Input.of(SIZE, SIZE, 3);
        KerasTensor x = base.apply(inputs);
        x = new GlobalAveragePooling2D().apply(x);
        x = new Dropout(0.2).apply(x);
        KerasTensor outputs = new Dense(10, "softmax").apply(x);
        Model model = new Model(inputs, outputs);
        model.summary();

        System.out.println("\nTraining the new classifier on the frozen base");
        model.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
        model.fit(xTrain, yTrain, new FitOptions().epochs(epochs).batchSize(64).validationData(xTest, yTest));

        List<Layer> layers = base.layers();
        boolean unfreeze = false;
        int unfrozen = 0;
        for (Layer layer : layers) {
            unfreeze |= layer.name().equals(FINE_TUNE_FROM);
            if (unfreeze && !(layer instanceof BatchNormalization)) {
                layer.trainable(true);
                unfrozen++;
            }
        }
        System.out.println("\nFine-tuning the top of the base (" + unfrozen + " layers from " + FINE_TUNE_FROM
                + ", batch normalization kept frozen) with a low learning rate");
        model.compile(new Adam(1e-5), "sparse_categorical_crossentropy", "accuracy");
        model.fit(xTrain, yTrain, new FitOptions().epochs(epochs).batchSize(64).validationData(xTest, yTest));
        double[] result = model.evaluate(xTest, yTest);
        System.out.printf("test_loss: %.4f - test_acc: %.4f%n", result[0], result[1]);
    }
}
