package io.keras4j.autodiff;

import io.keras4j.backend.Backend;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Variable;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Input;
import io.keras4j.layers.Lambda;
import io.keras4j.losses.CategoricalCrossentropy;
import io.keras4j.losses.Loss;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.ops.GradientTape;
import io.keras4j.ops.NumericGradients;
import io.keras4j.optimizers.SGD;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static io.keras4j.ops.Ops.mean;
import static io.keras4j.ops.Ops.relu;
import static io.keras4j.ops.Ops.square;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Writing a training loop from scratch", ported: a GradientTape over model calls and losses. */
class CustomTrainingLoopTest {
    @AfterEach
    void restoreFloatx() {
        Backend.setFloatx("float32");
    }

    @Test
    void aHandWrittenLoopGivesTheSameWeightsAsFit() {
        INDArray[] xy = SubclassedModelTest.batch();
        KerasTensor in = Input.of(4);
        Model model = new Model(in, new Dense(3, "softmax").apply(new Dense(8, "relu").apply(in)));
        KerasTensor in2 = Input.of(4);
        Model fitted = new Model(in2, new Dense(3, "softmax").apply(new Dense(8, "relu").apply(in2)));
        fitted.setWeights(model.getWeights());
        fitted.compile(new SGD(0.2), "categorical_crossentropy");
        SGD optimizer = new SGD(0.2);
        Loss lossFn = new CategoricalCrossentropy();
        for (int step = 0; step < 3; step++) {
            List<INDArray> grads;
            double lossValue;
            try (GradientTape tape = new GradientTape()) {
                INDArray logits = model.apply(xy[0], true);
                INDArray loss = mean(lossFn.call(xy[1], logits));
                lossValue = loss.getDouble(0);
                grads = tape.gradient(loss, model.trainableWeights());
            }
            optimizer.applyGradients(grads, model.trainableWeights());
            assertEquals(fitted.trainOnBatch(xy[0], xy[1])[0], lossValue, 1e-6, "step " + step);
        }
        for (int i = 0; i < 4; i++) {
            assertTrue(fitted.getWeights().get(i).equalsWithEps(model.getWeights().get(i), 1e-5), "weight " + i);
        }
    }

    @Test
    void inputGradientsOfABuiltInModelMatchFiniteDifferences() {
        Backend.setFloatx("float64");
        Sequential model = new Sequential(new Dense(5, "tanh").inputShape(3), new Dense(2, "softmax"));
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 4, 3);
        INDArray dx;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            INDArray score = mean(square(model.apply(x)));
            dx = tape.gradient(score, x);
        }
        assertNotNull(dx);
        INDArray numeric = NumericGradients.of(v -> mean(square(model.apply(v))), x);
        assertTrue(numeric.equalsWithEps(dx, 1e-8), "dx " + dx + " vs " + numeric);
    }

    @Test
    void aLambdaWithoutABackwardFunctionTrainsThroughItsOps() {
        Backend.setFloatx("float64");
        Dense dense = new Dense(3).kernelInitializer("glorot_uniform");
        Sequential model = new Sequential(dense.inputShape(2), new Lambda(x -> relu(x)), new Dense(1));
        model.compile(new SGD(0.1), "mse");
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 8, 2);
        INDArray y = Nd4j.randn(DataType.DOUBLE, 8, 1);
        Variable kernel = dense.kernel();
        INDArray before = kernel.value().dup();
        // the kernel gradient through the Lambda, from the tape, against finite differences of the loss
        INDArray g;
        try (GradientTape tape = new GradientTape()) {
            INDArray loss = mean(square(io.keras4j.ops.Ops.subtract(model.apply(x, true), y)));
            g = tape.gradient(loss, kernel);
        }
        INDArray numeric = NumericGradients.of(
                k -> mean(square(io.keras4j.ops.Ops.subtract(model.apply(x, true), y))), kernel.value());
        assertTrue(numeric.equalsWithEps(g, 1e-8), "kernel gradient " + g + " vs " + numeric);
        model.trainOnBatch(x, y);
        assertTrue(before.sub(kernel.value()).sub(g.mul(0.1)).amaxNumber().doubleValue() < 1e-10, "fit applied the tape's gradient");
    }
}
