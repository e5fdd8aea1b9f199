package io.keras4j.samples;

import io.keras4j.callbacks.History;
import io.keras4j.datasets.Mnist;
import io.keras4j.datasets.TrainTestData;
import io.keras4j.layers.Conv2D;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Dropout;
import io.keras4j.layers.Flatten;
import io.keras4j.layers.MaxPooling2D;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static io.keras4j.utils.Utils.toCategorical;

/**
 * Simple MNIST convnet, a port of Keras's example examples/vision/mnist_convnet.py: two 3x3 convolutions
 * with max pooling, dropout and a softmax classifier, trained with Adam; about 99% test accuracy.
 *
 * <p>Usage: {@code MnistConvnet [epochs]} (Keras's example runs 15 epochs). MNIST is read from the
 * directory named by the env var {@code KERAS4J_DATASETS} or the system property {@code keras4j.datasets}.
 */
public final class MnistConvnet {
    private MnistConvnet() {
    }

    /** The example's model: input (28, 28, 1), output 10 class probabilities. */
    public static Sequential model() {
        return model("softmax");
    }

    /** The example's model with another output activation ("linear": the class scores before the softmax). */
    public static Sequential model(String outputActivation) {
        Sequential model = new Sequential();
        model.add(new Conv2D(32, 3, 3).activation("relu").inputShape(28, 28, 1));
        model.add(new MaxPooling2D(2, 2));
        model.add(new Conv2D(64, 3, 3).activation("relu"));
        model.add(new MaxPooling2D(2, 2));
        model.add(new Flatten());
        model.add(new Dropout(0.5));
        model.add(new Dense(10, outputActivation));
        return model;
    }

    /** MNIST images as float32 in [0, 1] with a trailing channel axis: (n, 28, 28, 1). */
    static INDArray images(INDArray raw) {
        return raw.castTo(DataType.FLOAT).divi(255).reshape('c', raw.size(0), 28, 28, 1);
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int batchSize = 128;
        TrainTestData mnist = Mnist.loadData();
        INDArray xTrain = images(mnist.xTrain());
        INDArray xTest = images(mnist.xTest());
        INDArray yTrain = toCategorical(mnist.yTrain(), 10);
        INDArray yTest = toCategorical(mnist.yTest(), 10);
        System.out.println("x_train shape: " + java.util.Arrays.toString(xTrain.shape()));
        System.out.println(xTrain.size(0) + " train samples");
        System.out.println(xTest.size(0) + " test samples");

        Sequential model = model();
        model.summary();
        model.compile("adam", "categorical_crossentropy", "accuracy");
        History history = model.fit(xTrain, yTrain, new FitOptions().batchSize(batchSize).epochs(epochs).validationSplit(0.1));
        double[] score = model.evaluate(xTest, yTest, batchSize, 0);
        System.out.println("val_accuracy per epoch: " + history.history().get("val_accuracy"));
        System.out.println("Test loss: " + score[0]);
        System.out.println("Test accuracy: " + score[1]);
    }
}
