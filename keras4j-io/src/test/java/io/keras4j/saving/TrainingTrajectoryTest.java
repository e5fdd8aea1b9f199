package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.callbacks.History;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.optimizers.SGD;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * End-to-end check of the engine against Keras (shared/keras/k3/train_mlp_sgd*): from the same initial weights,
 * {@code fit(x, y, batch_size=8, epochs=5, shuffle=False)} with {@code SGD(0.1)} and sparse categorical
 * cross-entropy reports Keras's per-epoch loss and accuracy and ends with Keras's weights.
 */
class TrainingTrajectoryTest {
    @Test
    void fitReproducesKerasHistoryAndFinalWeights() throws Exception {
        Path dir = SharedData.file("keras/k3");
        Model model = Models.modelFromJson(Files.readString(dir.resolve("train_mlp_sgd.json")));
        model.loadWeights(dir.resolve("train_mlp_sgd_init.weights.h5"));
        model.compile(new SGD(0.1), "sparse_categorical_crossentropy", "accuracy");
        Map<String, INDArray> io = Npz.read(dir.resolve("train_mlp_sgd_io.npz"));
        History history = model.fit(io.get("x_train"), io.get("y_train"), new FitOptions().epochs(5).batchSize(8).shuffle(false).verbose(0));

        double[] loss = io.get("loss").toDoubleVector();
        double[] accuracy = io.get("accuracy").toDoubleVector();
        List<Double> ourLoss = history.history().get("loss");
        List<Double> ourAccuracy = history.history().get("accuracy");
        for (int e = 0; e < 5; e++) {
            assertEquals(loss[e], ourLoss.get(e), 1e-5 + 1e-5 * Math.abs(loss[e]), "loss of epoch " + (e + 1));
            assertEquals(accuracy[e], ourAccuracy.get(e), 1e-7, "accuracy of epoch " + (e + 1));
        }

        Model expected = Models.modelFromJson(Files.readString(dir.resolve("train_mlp_sgd.json")));
        expected.loadWeights(dir.resolve("train_mlp_sgd.weights.h5"));
        List<INDArray> want = expected.getWeights();
        List<INDArray> got = model.getWeights();
        for (int i = 0; i < want.size(); i++) {
            KerasReferenceFilesTest.assertClose(want.get(i), got.get(i), "final weight " + i);
        }
        double[] eval = model.evaluate(io.get("x_train"), io.get("y_train"), 32, 0);
        assertEquals(io.get("eval_loss").getDouble(0), eval[0], 1e-5, "evaluate loss");
        assertEquals(io.get("eval_accuracy").getDouble(0), eval[1], 1e-7, "evaluate accuracy");
    }

    @Test
    void compiledArchiveRestoresOptimizerAndTrainingConfig() {
        Path file = SharedData.file("keras/k3/train_mlp_sgd.keras");
        Model model = Models.loadModel(file);
        assertEquals("SGD", model.optimizer().getClass().getSimpleName());
        assertEquals(0.10000000149011612, model.optimizer().learningRate(), 0.0);
        assertEquals(20, model.optimizer().iterations(), "5 epochs of 4 batches");
    }
}
