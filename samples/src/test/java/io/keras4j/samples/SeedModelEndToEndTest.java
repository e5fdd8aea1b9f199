package io.keras4j.samples;

import io.keras4j.callbacks.History;
import io.keras4j.datasets.FashionMnist;
import io.keras4j.datasets.Mnist;
import io.keras4j.datasets.TrainTestData;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Flatten;
import io.keras4j.models.Sequential;
import io.keras4j.utils.Utils;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The seed script on real data, one epoch each: the real MNIST from ../shared/data/mnist must reach test
 * accuracy >= 0.95, the real Fashion-MNIST (Debian's dataset-fashion-mnist) >= 0.80.
 */
class SeedModelEndToEndTest {
    private static double trainOneEpoch(TrainTestData data) {
        Utils.setRandomSeed(7);
        INDArray trainImages = data.xTrain().reshape(60000, 28 * 28).castTo(DataType.FLOAT).div(255);
        INDArray testImages = data.xTest().reshape(10000, 28 * 28).castTo(DataType.FLOAT).div(255);
        INDArray trainLabels = Utils.toCategorical(data.yTrain());
        INDArray testLabels = Utils.toCategorical(data.yTest());
        Sequential model = new Sequential();
        model.add(new Flatten().inputShape(28 * 28));
        model.add(new Dense(512, "relu"));
        model.add(new Dense(10, "softmax"));
        model.compile("rmsprop", "categorical_crossentropy", "accuracy");
        History history = model.fit(trainImages, trainLabels, 1, 128);
        assertEquals(1, history.history().get("loss").size());
        double[] result = model.evaluate(testImages, testLabels);
        assertEquals(2, result.length);
        return result[1];
    }

    static Path sharedMnist() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("data");
            if (Files.isDirectory(candidate.resolve("mnist"))) {
                return candidate.resolve("mnist");
            }
        }
        return null;
    }

    @Test
    void mnistReaches95PercentAfterOneEpoch() {
        Path dir = sharedMnist();
        assertTrue(dir != null, "../shared/data/mnist is absent: the real MNIST (../shared beside the repository) is required");
        double accuracy = trainOneEpoch(Mnist.loadData(dir));
        assertTrue(accuracy >= 0.95, "MNIST test accuracy after 1 epoch: " + accuracy);
    }

    @Test
    void fashionMnistReaches80PercentAfterOneEpoch() {
        Path dir = Paths.get("/usr/share/datasets/fashion-mnist");
        assumeTrue(Files.isDirectory(dir), dir + " is absent: install Debian's dataset-fashion-mnist (apt-get install -y dataset-fashion-mnist)");
        double accuracy = trainOneEpoch(FashionMnist.loadData(dir));
        assertTrue(accuracy >= 0.80, "Fashion-MNIST test accuracy after 1 epoch: " + accuracy);
    }
}
