package io.keras4j.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dataset split into training and test parts, as the {@code (x_train, y_train), (x_test, y_test)}
 * tuple Keras's {@code load_data()} functions return.
 *
 * @param xTrain the training inputs, e.g. {@code (60000, 28, 28)} uint8 images for MNIST
 * @param yTrain the training targets, e.g. {@code (60000)} uint8 labels for MNIST
 * @param xTest  the test inputs, e.g. {@code (10000, 28, 28)} for MNIST
 * @param yTest  the test targets, e.g. {@code (10000)} for MNIST
 */
public record TrainTestData(INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest) {
}
