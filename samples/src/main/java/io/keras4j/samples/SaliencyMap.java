package io.keras4j.samples;

import io.keras4j.datasets.Mnist;
import io.keras4j.datasets.TrainTestData;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.ops.GradientTape;
import io.keras4j.utils.Utils;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;

import static io.keras4j.ops.Ops.multiply;
import static io.keras4j.ops.Ops.sum;

/**
 * What the MNIST convnet looks at: the saliency map of Simonyan, Vedaldi and Zisserman ("Deep inside convolutional
 * networks", 2014), the absolute gradient of the predicted class's score (its logit, before the softmax) with respect
 * to the input pixels (maximum over channels). Bright pixels are those whose change moves the prediction most.
 *
 * <p>Usage: {@code SaliencyMap [png] [weights]} (defaults {@code saliency.png} and
 * {@code target/mnist_convnet.weights.h5}): loads the convnet of {@link MnistConvnet} from the weights file if it
 * exists, else trains it for one epoch on 20000 images (about a minute on 2 cores) and saves the weights there;
 * then writes a PNG with the first test image of each digit beside its saliency map, labelled with its true class,
 * the predicted class and its probability. MNIST is read from the directory named by the env var {@code KERAS4J_DATASETS} or the
 * system property {@code keras4j.datasets}.
 */
public final class SaliencyMap {
    private static final int SCALE = 4;
    private static final int SIDE = 28 * SCALE;
    private static final int GAP = 12;
    private static final int LABEL = 22;
    private static final int COLUMNS = 5;

    private SaliencyMap() {
    }

    /**
     * The saliency maps of a batch of images {@code (n, h, w, c)}: {@code |d score / d x|} maximised over channels,
     * shape {@code (n, h, w)}, where score is each image's output for {@code classes[i]}.
     */
    public static INDArray saliency(Model model, INDArray images, int[] classes) {
        INDArray dx;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(images);
            INDArray out = model.apply(images);
            INDArray oneHot = Nd4j.zeros(out.dataType(), out.shape());
            for (int i = 0; i < classes.length; i++) {
                oneHot.putScalar(i, classes[i], 1.0);
            }
            INDArray score = sum(multiply(out, oneHot));   // the images are independent: one pass gives every gradient
            dx = tape.gradient(score, images);
        }
        return Nd4j.math().abs(dx).max(3);
    }

    /** The index of the first test image of each digit 0..9. */
    static int[] firstOfEachDigit(INDArray labels) {
        int[] index = new int[10];
        Arrays.fill(index, -1);
        for (int i = 0, found = 0; i < labels.length() && found < 10; i++) {
            int d = labels.getInt(i);
            if (index[d] < 0) {
                index[d] = i;
                found++;
            }
        }
        return index;
    }

    public static void main(String[] args) throws IOException {
        Path png = Paths.get(args.length > 0 ? args[0] : "saliency.png");
        Path weights = Paths.get(args.length > 1 ? args[1] : "target/mnist_convnet.weights.h5");
        TrainTestData mnist = Mnist.loadData();
        Utils.setRandomSeed(1);
        Sequential model = MnistConvnet.model();
        model.compile("adam", "categorical_crossentropy", "accuracy");
        if (Files.exists(weights)) {
            model.loadWeights(weights);
            System.out.println("Loaded the convnet's weights from " + weights);
        } else {
            INDArray x = MnistConvnet.images(mnist.xTrain()).get(NDArrayIndex.interval(0, 20000));
            INDArray y = Utils.toCategorical(mnist.yTrain(), 10).get(NDArrayIndex.interval(0, 20000));
            model.fit(x, y, new FitOptions().batchSize(128).epochs(1));
            Files.createDirectories(weights.toAbsolutePath().getParent());
            model.saveWeights(weights);
            System.out.println("Saved the convnet's weights to " + weights);
        }
        INDArray xTest = MnistConvnet.images(mnist.xTest());
        System.out.println(String.format(Locale.ROOT, "Test accuracy: %.4f",
                model.evaluate(xTest, Utils.toCategorical(mnist.yTest(), 10), 500, 0)[1]));

        int[] picked = firstOfEachDigit(mnist.yTest());
        INDArray images = Nd4j.pullRows(xTest.reshape(10000, 28 * 28), 1, picked).reshape(10, 28, 28, 1);
        INDArray probs = model.predict(images);
        int[] predicted = Nd4j.argMax(probs, 1).toIntVector();
        long t0 = System.nanoTime();
        Sequential scores = MnistConvnet.model("linear");
        scores.setWeights(model.getWeights());
        INDArray maps = saliency(scores, images, predicted);
        System.out.println(String.format(Locale.ROOT, "Saliency maps of 10 images: %.0f ms", (System.nanoTime() - t0) / 1e6));

        int rows = (picked.length + COLUMNS - 1) / COLUMNS;
        int cellWidth = 2 * SIDE + 2 + GAP;
        BufferedImage out = new BufferedImage(COLUMNS * cellWidth + GAP, rows * (SIDE + LABEL + GAP) + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        for (int i = 0; i < picked.length; i++) {
            int x0 = GAP + (i % COLUMNS) * cellWidth;
            int y0 = GAP + (i / COLUMNS) * (SIDE + LABEL + GAP);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "true %d, predicted %d (p=%.2f)", mnist.yTest().getInt(picked[i]), predicted[i],
                    probs.getDouble(i, predicted[i])), x0, y0 + 15);
            INDArray map = maps.slice(i);
            double max = Math.max(map.maxNumber().doubleValue(), 1e-30);
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    int ink = 255 - (int) Math.round(255 * images.getDouble(i, r, c, 0));
                    fill(out, x0, y0 + LABEL, r, c, new Color(ink, ink, ink).getRGB());
                    fill(out, x0 + SIDE + 2, y0 + LABEL, r, c, heat(map.getDouble(r, c) / max));
                }
            }
        }
        g.dispose();
        Path tmp = Files.createTempFile(png.toAbsolutePath().getParent(), png.getFileName().toString(), ".tmp");
        try {
            ImageIO.write(out, "png", tmp.toFile());
            Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        System.out.println("Wrote " + png + ": each test digit beside its saliency map (brighter = larger |gradient|)");
    }

    private static void fill(BufferedImage out, int x0, int y0, int r, int c, int rgb) {
        for (int dy = 0; dy < SCALE; dy++) {
            for (int dx = 0; dx < SCALE; dx++) {
                out.setRGB(x0 + c * SCALE + dx, y0 + r * SCALE + dy, rgb);
            }
        }
    }

    /** A black-red-yellow-white colour scale for v in [0, 1]. */
    private static int heat(double v) {
        double t = Math.min(1, Math.max(0, v)) * 3;
        int red = (int) Math.round(255 * Math.min(1, t));
        int green = (int) Math.round(255 * Math.min(1, Math.max(0, t - 1)));
        int blue = (int) Math.round(255 * Math.min(1, Math.max(0, t - 2)));
        return new Color(red, green, blue).getRGB();
    }
}
