package io.keras4j.samples;

import io.keras4j.backend.Backend;
import io.keras4j.datasets.Mnist;
import io.keras4j.datasets.TrainTestData;
import io.keras4j.layers.Dense;
import io.keras4j.losses.CategoricalCrossentropy;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The FGSM sample: its input gradient against a hand-derived one, and the accuracy drop on real MNIST. */
class FgsmTest {
    @AfterEach
    void restoreFloatx() {
        Backend.setFloatx("float32");
    }

    /**
     * For h = relu(x W1 + b1), p = softmax(h W2 + b2) and loss_i = -sum(y_i log p_i): d loss_i / d x_i =
     * (((p_i - y_i) W2^T) * [x_i W1 + b1 > 0]) W1^T, in plain ND4J, independent of the tape.
     */
    private static INDArray handGradient(List<INDArray> w, INDArray x, INDArray y) {
        INDArray pre = x.mmul(w.get(0)).addRowVector(w.get(1));
        INDArray z = Transforms.relu(pre, true).mmul(w.get(2)).addRowVector(w.get(3));
        INDArray e = Transforms.exp(z.subColumnVector(z.max(1)), true);
        INDArray p = e.divColumnVector(e.sum(1));
        INDArray dh = p.sub(y).mmul(w.get(2).transpose());
        return dh.mul(pre.gt(0).castTo(DataType.DOUBLE)).mmul(w.get(0).transpose());
    }

    @Test
    void theInputGradientIsTheSoftmaxCrossentropyGradientDerivedByHand() {
        Backend.setFloatx("float64");
        Utils.setRandomSeed(3);
        Sequential model = new Sequential(new Dense(7, "relu").inputShape(6), new Dense(4, "softmax"));
        Sequential logits = new Sequential(new Dense(7, "relu").inputShape(6), new Dense(4));
        logits.setWeights(model.getWeights());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 6);
        INDArray y = Utils.toCategorical(Nd4j.createFromArray(0, 3, 1, 2, 3), 4).castTo(DataType.DOUBLE);
        INDArray expected = handGradient(model.getWeights(), x, y);
        INDArray fromProbabilities = Fgsm.inputGradient(model, new CategoricalCrossentropy(), x, y);
        INDArray fromLogits = Fgsm.inputGradient(logits, new CategoricalCrossentropy().fromLogits(true), x, y);
        assertTrue(expected.equalsWithEps(fromProbabilities, 1e-12), "from probabilities " + fromProbabilities + " vs " + expected);
        assertTrue(expected.equalsWithEps(fromLogits, 1e-12), "from logits " + fromLogits + " vs " + expected);
        // the attack moves each pixel by eps against the loss's slope, and stays in [0, 1]
        INDArray adv = Fgsm.perturb(x, Transforms.sign(fromProbabilities), 0.3);
        INDArray byHand = Transforms.min(Transforms.max(x.add(Transforms.sign(expected).mul(0.3)), 0.0), 1.0);
        assertEquals(byHand, adv);
    }

    @Test
    void fgsmLowersTheAccuracyOfASmallTrainedSeedModel() {
        Path dir = SeedModelEndToEndTest.sharedMnist();
        assumeTrue(dir != null, "../shared/data/mnist is absent: the real MNIST is needed for this test");
        TrainTestData mnist = Mnist.loadData(dir);
        Utils.setRandomSeed(7);
        INDArray xTrain = mnist.xTrain().reshape(60000, 784).get(NDArrayIndex.interval(0, 6000)).castTo(DataType.FLOAT).div(255);
        INDArray yTrain = Utils.toCategorical(mnist.yTrain()).get(NDArrayIndex.interval(0, 6000));
        INDArray xTest = mnist.xTest().reshape(10000, 784).get(NDArrayIndex.interval(0, 1000)).castTo(DataType.FLOAT).div(255);
        INDArray yTest = Utils.toCategorical(mnist.yTest()).get(NDArrayIndex.interval(0, 1000));
        Sequential model = Fgsm.seedModel();
        model.fit(xTrain, yTrain, new FitOptions().epochs(2).batchSize(128).verbose(0));
        double[] eps = {0.0, 0.1};
        Fgsm.Attack probs = Fgsm.attack(model, model, new CategoricalCrossentropy(), xTest, yTest, eps, 250);
        Fgsm.Attack logits = Fgsm.attack(model, Fgsm.logitsModel(model), new CategoricalCrossentropy().fromLogits(true),
                xTest, yTest, eps, 250);
        assertEquals(model.evaluate(xTest, yTest, 250, 0)[1], probs.accuracies()[0], 1e-9, "eps 0 is the clean accuracy");
        assertEquals(probs.accuracies()[0], logits.accuracies()[0], 1e-9);
        assertTrue(probs.accuracies()[0] > 0.85, "clean accuracy " + probs.accuracies()[0]);
        assertTrue(probs.accuracies()[1] < probs.accuracies()[0] - 0.2, "eps 0.1: " + probs.accuracies()[1]);
        assertTrue(logits.accuracies()[1] < logits.accuracies()[0] - 0.2, "eps 0.1 from the logits: " + logits.accuracies()[1]);
    }
}
