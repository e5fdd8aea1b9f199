package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.callbacks.ModelCheckpoint;
import io.keras4j.engine.InputLayer;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import io.keras4j.utils.Utils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ModelCheckpoint writes the files Keras's would, through keras4j-io. */
class ModelCheckpointTest {
    @TempDir
    Path dir;

    private static Sequential model() {
        Utils.setRandomSeed(3);
        Sequential model = new Sequential(new InputLayer(4), new Dense(3, "softmax"));
        model.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    private static INDArray x() {
        return Nd4j.linspace(-1, 1, 40, DataType.FLOAT).reshape(10, 4);
    }

    private static INDArray y() {
        return Nd4j.createFromArray(0, 1, 2, 0, 1, 2, 0, 1, 2, 0).castTo(DataType.FLOAT);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void everyEpochWithTemplatedNames() throws IOException {
        Sequential model = model();
        String template = dir + "/ckpt/m-{epoch:02d}-{loss:.2f}.keras";
        model.fit(x(), y(), new FitOptions().epochs(3).batchSize(5).verbose(0).shuffle(false)
                .callbacks(new ModelCheckpoint(template).monitor("loss")));
        List<String> files = files();
        assertEquals(3, files.size(), files.toString());
        assertTrue(files.get(0).matches("ckpt/m-01-\\d\\.\\d\\d\\.keras"), files.toString());
        Model last = Models.loadModel(dir.resolve(files.get(2)));
        assertEquals(model.predict(x()), last.predict(x()));
    }

    @Test
    void bestOnlyKeepsTheBestWeights() throws IOException {
        Sequential model = model();
        Path file = dir.resolve("best.weights.h5");
        ModelCheckpoint checkpoint = new ModelCheckpoint(file.toString()).monitor("loss").saveBestOnly(true).saveWeightsOnly(true);
        var history = model.fit(x(), y(), new FitOptions().epochs(4).batchSize(10).verbose(0).shuffle(false).callbacks(checkpoint));
        double min = history.history().get("loss").stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertEquals(min, checkpoint.best(), 0.0);
        assertEquals(List.of("best.weights.h5"), files());
    }

    @Test
    void batchFrequencySavesUseTheBatchField() throws IOException {
        Sequential model = model();
        model.fit(x(), y(), new FitOptions().epochs(1).batchSize(2).verbose(0).shuffle(false)
                .callbacks(new ModelCheckpoint(dir + "/e{epoch}-b{batch}.weights.h5").saveWeightsOnly(true).saveFreq(2)));
        assertEquals(List.of("e1-b2.weights.h5", "e1-b4.weights.h5"), files());
    }

    @Test
    void weightsOnlyNeedsTheWeightsExtension() {
        Sequential model = model();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.fit(x(), y(), new FitOptions()
                .epochs(1).verbose(0).callbacks(new ModelCheckpoint(dir + "/m.keras").saveWeightsOnly(true))));
        assertTrue(e.getMessage().contains(".weights.h5"), e.getMessage());
    }
}
