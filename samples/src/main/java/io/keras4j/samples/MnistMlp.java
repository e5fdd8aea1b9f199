package io.keras4j.samples;

import io.keras4j.callbacks.History;
import io.keras4j.datasets.Mnist;
import io.keras4j.datasets.TrainTestData;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Flatten;
import io.keras4j.models.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;

import static io.keras4j.utils.Utils.toCategorical;

/**
 * The seed script: the classic Keras MNIST multilayer perceptron (Deep Learning with Python, chapter 2),
 * ported line by line. Trains 784-512-10 with RMSprop for 5 epochs and prints the test accuracy
 * (about 0.98, as Keras reaches on the same data), then draws the loss and accuracy per epoch to
 * {@code mnist_mlp_history.png} in the working directory.
 */
public final class MnistMlp {
    private MnistMlp() {
    }

    public static void main(String[] args) {
        TrainTestData mnist = Mnist.loadData();
        INDArray trainImages = mnist.xTrain().reshape(60000, 28 * 28).castTo(DataType.FLOAT).div(255);
        INDArray testImages = mnist.xTest().reshape(10000, 28 * 28).castTo(DataType.FLOAT).div(255);
        INDArray trainLabels = toCategorical(mnist.yTrain());
        INDArray testLabels = toCategorical(mnist.yTest());

        Sequential model = new Sequential();
        model.add(new Flatten().inputShape(28 * 28));
        model.add(new Dense(512, "relu"));
        model.add(new Dense(10, "softmax"));
        model.compile("rmsprop", "categorical_crossentropy", "accuracy");
        model.summary();
        History history = model.fit(trainImages, trainLabels, 5, 128);
        double[] result = model.evaluate(testImages, testLabels);
        System.out.println("test_acc: " + result[1]);
        Path plot = Path.of("mnist_mlp_history.png").toAbsolutePath();
        history.plot(plot);
        System.out.println("training curves: " + plot);
    }
}
