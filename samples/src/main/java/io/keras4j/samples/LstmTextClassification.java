package io.keras4j.samples;

import io.keras4j.layers.Dense;
import io.keras4j.layers.LSTM;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.utils.Utils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * LSTM text classification on a synthetic sentiment task generated in code (nothing to download).
 *
 * <p>The data: a vocabulary of 100 words, of which words 1-10 are "positive" and 11-20 "negative", the
 * rest neutral. A review is 30 words: neutral filler with a few sentiment words sprinkled in; its label is
 * 1 when it holds more positive than negative words. Each word is represented by a fixed random 16-d
 * vector (a frozen word embedding), so the model sees {@code (batch, 30, 16)} sequences and must count
 * sentiment words across time, which a bag of single positions cannot do.
 *
 * <p>Model, as Keras's IMDB LSTM example but Embedding-free: {@code LSTM(32) -> Dense(1, sigmoid)},
 * Adam, binary cross-entropy, batch 64. Reaches about 0.9 test accuracy in a few epochs.
 */
public final class LstmTextClassification {
    static final int VOCAB = 100;
    static final int LENGTH = 30;
    static final int DIM = 16;

    private LstmTextClassification() {
    }

    /** {@code [x (n, LENGTH, DIM), y (n, 1)]} drawn from {@code rng} with the given word vectors. */
    static INDArray[] reviews(int n, Random rng, float[][] vectors) {
        float[] x = new float[n * LENGTH * DIM];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int score = 0;
            for (int t = 0; t < LENGTH; t++) {
                int word = 21 + rng.nextInt(VOCAB - 21);
                if (rng.nextDouble() < 0.2) {
                    word = 1 + rng.nextInt(20);
                    score += word <= 10 ? 1 : -1;
                }
                System.arraycopy(vectors[word], 0, x, (i * LENGTH + t) * DIM, DIM);
            }
            if (score == 0) {
                int word = 1 + rng.nextInt(10);
                System.arraycopy(vectors[word], 0, x, (i * LENGTH + LENGTH - 1) * DIM, DIM);
                score = 1;
            }
            y[i] = score > 0 ? 1 : 0;
        }
        return new INDArray[]{Nd4j.create(x, new long[]{n, LENGTH, DIM}, 'c'), Nd4j.create(y, new long[]{n, 1}, 'c')};
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Utils.setRandomSeed(42);
        Random rng = new Random(42);
        float[][] vectors = new float[VOCAB][DIM];
        for (float[] v : vectors) {
            for (int d = 0; d < DIM; d++) {
                v[d] = (float) rng.nextGaussian();
            }
        }
        INDArray[] train = reviews(4000, rng, vectors);
        INDArray[] test = reviews(1000, rng, vectors);

        Sequential model = new Sequential();
        // Keras's default recurrent initializer is "orthogonal"; glorot_uniform is used until keras4j has Orthogonal
        model.add(new LSTM(32).recurrentInitializer("glorot_uniform").inputShape(LENGTH, DIM));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        model.summary();
        model.fit(train[0], train[1], new FitOptions().epochs(epochs).batchSize(64).validationSplit(0.1));
        double[] result = model.evaluate(test[0], test[1]);
        System.out.println("test_loss: " + result[0] + " test_acc: " + result[1]);
    }
}
