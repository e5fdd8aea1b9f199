package io.keras4j.autodiff;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.KerasTensor;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Input;
import io.keras4j.metrics.Mean;
import io.keras4j.metrics.Metric;
import io.keras4j.models.Model;
import io.keras4j.models.StepData;
import io.keras4j.ops.GradientTape;
import io.keras4j.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static io.keras4j.ops.Ops.mean;
import static io.keras4j.ops.Ops.square;
import static io.keras4j.ops.Ops.subtract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model subclassing and "Customizing what happens in fit()", ported. */
class SubclassedModelTest {
    /** The API.md example: two Dense layers in fields, any Java code in call. */
    static class Mlp extends Model {
        final Dense hidden = new Dense(8, "relu");
        final Dense out = new Dense(3, "softmax");

        @Override
        protected INDArray call(INDArray x, CallContext ctx) {
            return out.apply(hidden.apply(x, ctx.training()), ctx.training());
        }
    }

    /** The guide's CustomModel: train_step written with a GradientTape, compute_loss and the metrics list. */
    static final class CustomModel extends Mlp {
        int steps;

        @Override
        public Map<String, Double> trainStep(StepData data) {
            steps++;
            INDArray yPred;
            INDArray loss;
            List<INDArray> grads;
            try (GradientTape tape = new GradientTape()) {
                yPred = apply(data.x(), true);
                loss = computeLoss(data.x(), data.y(), yPred, null);
                grads = tape.gradient(loss, trainableWeights());
            }
            optimizer().applyGradients(grads, trainableWeights());
            for (Metric m : metrics()) {
                if (m.name().equals("loss")) {
                    ((Mean) m).updateState(loss);
                } else {
                    m.updateState(data.y(), yPred);
                }
            }
            return getMetricsResult();
        }
    }

    static Model functionalTwin(Mlp mlp) {
        KerasTensor x = Input.of(4);
        Model twin = new Model(x, new Dense(3, "softmax").apply(new Dense(8, "relu").apply(x)));
        twin.setWeights(mlp.getWeights());
        return twin;
    }

    static INDArray[] batch() {
        INDArray x = CustomLayerTest.data(7, 32, 4);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 3);
        for (int i = 0; i < 32; i++) {
            y.putScalar(i, (int) (Math.abs(x.getDouble(i, 0)) * 7) % 3, 1f);
        }
        return new INDArray[]{x, y};
    }

    private static void assertSameWeights(Model a, Model b) {
        List<INDArray> wa = a.getWeights();
        List<INDArray> wb = b.getWeights();
        assertEquals(wb.size(), wa.size());
        for (int i = 0; i < wa.size(); i++) {
            assertTrue(wb.get(i).equalsWithEps(wa.get(i), 1e-5), "weight " + i);
        }
    }

    @Test
    void aSubclassedModelFitsEvaluatesAndPredictsAsItsFunctionalTwin() {
        Mlp mlp = new Mlp();
        INDArray[] xy = batch();
        mlp.predict(xy[0]);
        assertEquals(4, mlp.weights().size());
        assertEquals("Mlp", mlp.className());
        Model twin = functionalTwin(mlp);
        mlp.compile(new SGD(0.3), "categorical_crossentropy", "accuracy");
        twin.compile(new SGD(0.3), "categorical_crossentropy", "accuracy");
        var h1 = mlp.fit(xy[0], xy[1], new io.keras4j.models.FitOptions().epochs(3).batchSize(8).shuffle(false).verbose(0));
        var h2 = twin.fit(xy[0], xy[1], new io.keras4j.models.FitOptions().epochs(3).batchSize(8).shuffle(false).verbose(0));
        for (int e = 0; e < 3; e++) {
            assertEquals(h2.history().get("loss").get(e), h1.history().get("loss").get(e), 1e-5);
            assertEquals(h2.history().get("accuracy").get(e), h1.history().get("accuracy").get(e), 1e-9);
        }
        assertSameWeights(mlp, twin);
        assertTrue(mlp.predict(xy[0]).equalsWithEps(twin.predict(xy[0]), 1e-6));
        double[] e1 = mlp.evaluate(xy[0], xy[1], 32, 0);
        double[] e2 = twin.evaluate(xy[0], xy[1], 32, 0);
        assertEquals(e2[0], e1[0], 1e-5);
    }

    @Test
    void anOverriddenTrainStepDrivesFitAndMatchesTheDefaultStep() {
        CustomModel custom = new CustomModel();
        INDArray[] xy = batch();
        custom.predict(xy[0]);
        Model twin = functionalTwin(custom);
        custom.compile(new SGD(0.3), "categorical_crossentropy", "accuracy");
        twin.compile(new SGD(0.3), "categorical_crossentropy", "accuracy");
        var h1 = custom.fit(xy[0], xy[1], new io.keras4j.models.FitOptions().epochs(2).batchSize(8).shuffle(false).verbose(0));
        var h2 = twin.fit(xy[0], xy[1], new io.keras4j.models.FitOptions().epochs(2).batchSize(8).shuffle(false).verbose(0));
        assertEquals(8, custom.steps);
        for (int e = 0; e < 2; e++) {
            assertEquals(h2.history().get("loss").get(e), h1.history().get("loss").get(e), 1e-5);
            assertEquals(h2.history().get("accuracy").get(e), h1.history().get("accuracy").get(e), 1e-9);
        }
        assertSameWeights(custom, twin);
    }

    @Test
    void aLossGivenAsAJavaFunctionOfOpsTrainsAsTheBuiltInLoss() {
        Mlp a = new Mlp();
        INDArray[] xy = batch();
        a.predict(xy[0]);
        Model twin = functionalTwin(a);
        BiFunction<INDArray, INDArray, INDArray> mse = (yTrue, yPred) -> mean(square(subtract(yTrue, yPred)));
        a.compile(new SGD(0.5), mse);
        twin.compile(new SGD(0.5), "mse");
        for (int step = 0; step < 3; step++) {
            assertEquals(twin.trainOnBatch(xy[0], xy[1])[0], a.trainOnBatch(xy[0], xy[1])[0], 1e-6);
        }
        assertSameWeights(a, twin);
    }
}
