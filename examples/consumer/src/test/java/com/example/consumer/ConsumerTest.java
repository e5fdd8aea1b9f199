package com.example.consumer;

import io.keras4j.layers.Dense;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import io.keras4j.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** keras4j used as a library from the installed artifacts: train, evaluate, predict, save and load. */
class ConsumerTest {

    /** Points inside the unit circle are class 1, outside class 0: not linearly separable. */
    private static INDArray[] circles(int n, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][2];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = (float) (random.nextDouble() * 4 - 2);
            x[i][1] = (float) (random.nextDouble() * 4 - 2);
            y[i][0] = x[i][0] * x[i][0] + x[i][1] * x[i][1] < 1.5 ? 1f : 0f;
        }
        return new INDArray[]{Nd4j.createFromArray(x), Nd4j.createFromArray(y)};
    }

    @Test
    void trainsPredictsSavesAndLoads(@TempDir Path dir) {
        Utils.setRandomSeed(42);
        INDArray[] train = circles(2000, 1);
        INDArray[] test = circles(500, 2);

        Sequential model = new Sequential();
        model.add(new Dense(32, "relu").inputShape(2));
        model.add(new Dense(32, "relu"));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        model.fit(train[0], train[1], 30, 32);

        double[] lossAndAccuracy = model.evaluate(test[0], test[1]);
        assertTrue(lossAndAccuracy[1] > 0.9, "test accuracy " + lossAndAccuracy[1]);

        INDArray predictions = model.predict(test[0]);
        Path file = dir.resolve("circles.keras");
        model.save(file);
        Model loaded = Models.loadModel(file);
        assertArrayEquals(predictions.toFloatVector(), loaded.predict(test[0]).toFloatVector(), 1e-6f);
    }
}
