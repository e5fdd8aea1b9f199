package io.keras4j.datasets;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A text dataset of word-index sequences, as the {@code (x_train, y_train), (x_test, y_test)} that
 * {@code imdb.load_data()} and {@code reuters.load_data()} return: the x parts are ragged lists of
 * sequences (Keras's object arrays of lists; pad them with {@code Utils.padSequences}), the y parts int64
 * label arrays.
 */
public record SequenceData(List<int[]> xTrain, INDArray yTrain, List<int[]> xTest, INDArray yTest) {
}
