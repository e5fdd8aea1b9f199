package io.keras4j.training;

import io.keras4j.callbacks.History;
import io.keras4j.layers.Dense;
import io.keras4j.models.CompileOptions;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sample weights weight the loss and the {@code weightedMetrics} only, as Keras's compile_utils.py: the plain metrics
 * are unweighted; a weighted metric of a name already taken is logged as "weighted_<name>".
 */
class WeightedMetricsTest {
    @Test
    void plainMetricsIgnoreSampleWeightsAndWeightedOnesUseThem() {
        int n = 40;
        INDArray x = Nd4j.create(DataType.FLOAT, n, 1);
        INDArray y = Nd4j.create(DataType.FLOAT, n, 1);
        INDArray w = Nd4j.create(DataType.FLOAT, n);
        double correct = 0;
        double weightedCorrect = 0;
        double weightSum = 0;
        for (int i = 0; i < n; i++) {
            float v = (i % 7) - 3f;
            x.putScalar(i, 0, v);
            float label = (i % 3 == 0) ? 0f : 1f;
            y.putScalar(i, 0, label);
            float weight = 1 + i % 4;
            w.putScalar(i, weight);
            boolean hit = (v > 0 ? 1f : 0f) == label;   // sigmoid(v) > 0.5 iff v > 0 (kernel 1, bias 0)
            correct += hit ? 1 : 0;
            weightedCorrect += hit ? weight : 0;
            weightSum += weight;
        }
        Sequential model = new Sequential(new Dense(1, "sigmoid").kernelInitializer("ones").inputShape(1));
        model.compile(new CompileOptions().optimizer(new SGD(0.0)).loss("binary_crossentropy").metrics("accuracy")
                .weightedMetrics("accuracy"));
        History h = model.fit(x, y, new FitOptions().epochs(1).batchSize(n).sampleWeight(w).verbose(0));
        assertEquals(correct / n, h.history().get("accuracy").get(0), 1e-7, "plain accuracy is unweighted");
        assertEquals(weightedCorrect / weightSum, h.history().get("weighted_accuracy").get(0), 1e-7);
        assertEquals(List.of("accuracy", "loss", "weighted_accuracy"), List.copyOf(new java.util.TreeSet<>(h.history().keySet())));
    }
}
