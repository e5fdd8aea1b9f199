package io.keras4j.samples;

import io.keras4j.datasets.Mnist;
import io.keras4j.datasets.TrainTestData;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Flatten;
import io.keras4j.losses.CategoricalCrossentropy;
import io.keras4j.losses.Loss;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.ops.GradientTape;
import io.keras4j.utils.Utils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import static io.keras4j.ops.Ops.sum;

/**
 * Adversarial examples against the seed model with the fast gradient sign method (Goodfellow, Shlens and Szegedy,
 * "Explaining and harnessing adversarial examples", 2015): each test image moves by {@code eps} per pixel in the
 * direction that increases its loss, {@code x_adv = clip(x + eps * sign(d loss / d x), 0, 1)}, and the test
 * accuracy on these images is printed for a few epsilons, with the loss gradient taken two ways: through the
 * crossentropy of the softmax probabilities (clipped to [1e-7, 1 - 1e-7], as Keras computes it on JAX and torch), which
 * is exactly flat for an image whose true-class probability rounds to 1 (such images are not perturbed: "gradient
 * masking"), and through the crossentropy from the logits (as Keras on TensorFlow differentiates {@code
 * categorical_crossentropy(y, model(x))}), which is never flat.
 *
 * <p>Usage: {@code Fgsm [weights]} (default {@code target/fgsm_mlp.weights.h5}): loads the seed MLP's weights from
 * that file if it exists, else trains the seed model (5 epochs, RMSprop, random seed 7) and saves them there, so
 * that the Keras twin {@code samples/src/main/python/fgsm.py} attacks the same weights. MNIST is read from the directory named by
 * the env var {@code KERAS4J_DATASETS} or the system property {@code keras4j.datasets}.
 */
public final class Fgsm {
    /** The epsilons of the printed table (pixel values are in [0, 1]). */
    static final double[] EPSILONS = {0.0, 0.05, 0.1, 0.15, 0.2, 0.25};

    private Fgsm() {
    }

    /** The seed script's model: 784 -> Dense(512, relu) -> Dense(10, softmax), compiled as the seed compiles it. */
    public static Sequential seedModel() {
        Sequential model = new Sequential();
        model.add(new Flatten().inputShape(28 * 28));
        model.add(new Dense(512, "relu"));
        model.add(new Dense(10, "softmax"));
        model.compile("rmsprop", "categorical_crossentropy", "accuracy");
        return model;
    }

    /**
     * The gradient of the summed per-sample losses with respect to the inputs: row i is {@code d loss_i / d x_i}.
     * Summed rather than averaged so that no gradient underflows by the batch size.
     */
    public static INDArray inputGradient(Model model, Loss loss, INDArray x, INDArray y) {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            INDArray total = sum(loss.call(y, model.apply(x)));
            return tape.gradient(total, x);
        }
    }

    /** {@code clip(x + eps * sign, 0, 1)}: the perturbed images, in x's data type. */
    public static INDArray perturb(INDArray x, INDArray sign, double eps) {
        return Transforms.min(Transforms.max(x.add(sign.mul(eps)), 0.0, false), 1.0, false);
    }

    /**
     * The seed model without its softmax, sharing nothing but a copy of the weights: its outputs are the logits, for
     * the crossentropy from logits that Keras differentiates on TensorFlow (which reads the logits the softmax keeps).
     */
    public static Sequential logitsModel(Model model) {
        Sequential logits = new Sequential(new Flatten().inputShape(28 * 28), new Dense(512, "relu"), new Dense(10));
        logits.setWeights(model.getWeights());
        return logits;
    }

    /**
     * The test accuracy on the FGSM images of each epsilon ({@code eps = 0} gives the clean accuracy), and how many
     * images had an input gradient of exactly 0 (they are not perturbed).
     */
    public record Attack(double[] accuracies, long zeroGradientImages) {
    }

    /**
     * Attacks {@code model}: the input gradient of {@code loss} on {@code lossModel}'s outputs is computed once per
     * batch (one tape per batch), then each epsilon's images are classified by {@code model}.
     *
     * @param y one-hot labels
     */
    public static Attack attack(Model model, Model lossModel, Loss loss, INDArray x, INDArray y, double[] epsilons, int batchSize) {
        long[] correct = new long[epsilons.length];
        long zero = 0;
        long n = x.size(0);
        for (long start = 0; start < n; start += batchSize) {
            INDArray xb = x.get(NDArrayIndex.interval(start, Math.min(n, start + batchSize)), NDArrayIndex.all());
            INDArray yb = y.get(NDArrayIndex.interval(start, Math.min(n, start + batchSize)), NDArrayIndex.all());
            INDArray labels = Nd4j.argMax(yb, 1);
            INDArray sign = Transforms.sign(inputGradient(lossModel, loss, xb, yb));
            zero += sign.amax(1).eq(0).castTo(DataType.INT64).sumNumber().longValue();
            for (int e = 0; e < epsilons.length; e++) {
                INDArray predicted = Nd4j.argMax(model.predictOnBatch(perturb(xb, sign, epsilons[e])), 1);
                correct[e] += predicted.eq(labels).castTo(DataType.INT64).sumNumber().longValue();
            }
        }
        double[] acc = new double[epsilons.length];
        for (int e = 0; e < epsilons.length; e++) {
            acc[e] = (double) correct[e] / n;
        }
        return new Attack(acc, zero);
    }

    public static void main(String[] args) {
        Path weights = Paths.get(args.length > 0 ? args[0] : "target/fgsm_mlp.weights.h5");
        TrainTestData mnist = Mnist.loadData();
        INDArray testImages = mnist.xTest().reshape(10000, 28 * 28).castTo(DataType.FLOAT).div(255);
        INDArray testLabels = Utils.toCategorical(mnist.yTest());
        Utils.setRandomSeed(7);
        Sequential model = seedModel();
        if (Files.exists(weights)) {
            model.loadWeights(weights);
            System.out.println("Loaded the seed model's weights from " + weights);
        } else {
            INDArray trainImages = mnist.xTrain().reshape(60000, 28 * 28).castTo(DataType.FLOAT).div(255);
            model.fit(trainImages, Utils.toCategorical(mnist.yTrain()), 5, 128);
            try {
                Files.createDirectories(weights.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("Fgsm: cannot create the directory of " + weights, e);
            }
            model.saveWeights(weights);
            System.out.println("Saved the seed model's weights to " + weights);
        }
        long t0 = System.nanoTime();
        Attack probs = attack(model, model, new CategoricalCrossentropy(), testImages, testLabels, EPSILONS, 1000);
        Attack logits = attack(model, logitsModel(model), new CategoricalCrossentropy().fromLogits(true),
                testImages, testLabels, EPSILONS, 1000);
        System.out.println("probabilities: " + probs.zeroGradientImages() + " test images have a zero input gradient");
        System.out.println("softmax logits: " + logits.zeroGradientImages() + " test images have a zero input gradient");
        System.out.println("epsilon  test_acc (probabilities)  test_acc (softmax logits)");
        for (int e = 0; e < EPSILONS.length; e++) {
            System.out.println(String.format(Locale.ROOT, "%-8.2f %-25.4f %.4f", EPSILONS[e], probs.accuracies()[e], logits.accuracies()[e]));
        }
        System.out.println(String.format(Locale.ROOT, "FGSM on 10000 test images, twice: %.1f s", (System.nanoTime() - t0) / 1e9));
    }
}
