package io.keras4j.training;

import io.keras4j.callbacks.History;
import io.keras4j.engine.KerasTensor;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Input;
import io.keras4j.metrics.MeanAbsoluteError;
import io.keras4j.models.CompileOptions;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Model;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** compile(metrics={"out_a": [...], "out_b": [...]}) as Keras: each output its own metrics, logged as output_metric. */
class MetricsByOutputTest {
    @Test
    void eachOutputGetsItsOwnMetricsNamedAfterIt() {
        KerasTensor in = Input.of(3);
        KerasTensor a = new Dense(1).name("out_a").apply(in);
        KerasTensor b = new Dense(2, "softmax").name("out_b").apply(in);
        Model model = new Model(List.of(in), List.of(a, b));
        model.compile(new CompileOptions().optimizer("sgd").loss(Map.of("out_a", "mse", "out_b", "categorical_crossentropy"))
                .metrics(Map.of("out_a", List.of("mae"), "out_b", List.of("accuracy"))));
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3);
        INDArray ya = Nd4j.rand(DataType.FLOAT, 8, 1);
        INDArray yb = Nd4j.createFromArray(new float[][]{{1, 0}, {0, 1}, {1, 0}, {0, 1}, {1, 0}, {0, 1}, {1, 0}, {0, 1}});
        History h = model.fit(new INDArray[]{x}, new INDArray[]{ya, yb}, new FitOptions().epochs(1).batchSize(8).verbose(0));
        assertTrue(h.history().containsKey("out_a_mae"), h.history().keySet().toString());
        assertTrue(h.history().containsKey("out_b_accuracy"), h.history().keySet().toString());
        assertEquals(java.util.Set.of("loss", "out_a_mae", "out_b_accuracy", "out_a_loss", "out_b_loss"), h.history().keySet(),
                "total loss, each output's metrics, each output's unweighted loss (Keras's CompileLoss trackers)");
        // out_a_mae is the mean absolute error of the first output, computed independently
        Map<String, Double> eval = model.evaluateToMap(new INDArray[]{x}, new INDArray[]{ya, yb}, 8, 0);
        MeanAbsoluteError mae = new MeanAbsoluteError();
        mae.updateState(ya, model.predictAll(x).get(0), null);
        assertEquals(mae.result(), eval.get("out_a_mae"), 1e-6);
        assertEquals(eval.get("loss"), eval.get("out_a_loss") + eval.get("out_b_loss"), 1e-6, "loss weights are 1");
    }

    @Test
    void unknownOutputNamesAreRejected() {
        KerasTensor in = Input.of(3);
        Model model = new Model(List.of(in), List.of(new Dense(1).name("only").apply(in)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.compile(new CompileOptions().loss("mse").metrics(Map.of("other", List.of("mae")))));
        assertTrue(e.getMessage().contains("other") && e.getMessage().contains("only"), e.getMessage());
    }
}
