package io.keras4j.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keras4j.callbacks.History;
import io.keras4j.datasets.Mnist;
import io.keras4j.datasets.TrainTestData;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Flatten;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.utils.Utils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static io.keras4j.utils.Utils.toCategorical;

/**
 * Opt-in (a minute of MNIST training): the seed script with a TensorBoard callback, writing logs for
 * src/test/python/read_events.py and for {@code tensorboard --logdir}. Run with
 * {@code mvn -pl keras4j-tensorboard -am test -Dtest=SeedModelLogsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtensorboard.seedLogs=/tmp/seed-logs}; it writes {@code seed/} (TensorBoard's defaults) and {@code full/}
 * (validation on the test set, histograms every epoch, every batch, steps per second) and prints the file sizes.
 */
@EnabledIfSystemProperty(named = "tensorboard.seedLogs", matches = ".+")
class SeedModelLogsTest {
    private static Path mnistDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/mnist");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "shared/data/mnist not found");
        return null;
    }

    private static void train(Path logDir, boolean full) throws IOException {
        TrainTestData mnist = Mnist.loadData(mnistDir());
        INDArray trainImages = mnist.xTrain().reshape(60000, 28 * 28).castTo(DataType.FLOAT).div(255);
        INDArray testImages = mnist.xTest().reshape(10000, 28 * 28).castTo(DataType.FLOAT).div(255);
        INDArray trainLabels = toCategorical(mnist.yTrain());
        INDArray testLabels = toCategorical(mnist.yTest());
        Utils.setRandomSeed(1);
        Sequential model = new Sequential();
        model.add(new Flatten().inputShape(28 * 28));
        model.add(new Dense(512, "relu"));
        model.add(new Dense(10, "softmax"));
        model.compile("rmsprop", "categorical_crossentropy", "accuracy");
        TensorBoard tensorBoard = new TensorBoard(logDir.toString());
        FitOptions options = new FitOptions().epochs(5).batchSize(128).verbose(0).callbacks(tensorBoard);
        if (full) {
            tensorBoard.histogramFreq(1).updateFreq("batch").writeStepsPerSecond(true);
            options.validationData(testImages, testLabels);
        }
        History history = model.fit(trainImages, trainLabels, options);
        try (Stream<Path> files = Files.walk(logDir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                List<EventReader.Event> events = EventReader.read(f);
                System.out.printf("%s: %d bytes, %d events%n", logDir.relativize(f), Files.size(f), events.size());
                if (f.getParent().getFileName().toString().equals("train")) {
                    List<EventReader.Event> loss = events.stream()
                            .filter(e -> !e.values().isEmpty() && e.value().tag().equals("epoch_loss")).toList();
                    assertEquals(5, loss.size());
                    for (int i = 0; i < 5; i++) {
                        assertEquals((float) (double) history.history().get("loss").get(i), loss.get(i).value().scalar());
                    }
                }
            }
        }
        System.out.println(logDir + " history: " + history.history());
    }

    @Test
    void seedModelFiveEpochs() throws IOException {
        Path root = Path.of(System.getProperty("tensorboard.seedLogs"));
        train(root.resolve("seed"), false);
        train(root.resolve("full"), true);
        assertTrue(Files.isDirectory(root.resolve("full/validation")));
    }
}
