package io.keras4j.samples;

import io.keras4j.datasets.CsvDataset;
import io.keras4j.datasets.FeaturesLabels;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.utils.Utils;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Trains a classifier on a CSV file end to end through DataVec: {@link CsvDataset} parses the records with
 * DataVec's {@code CSVRecordReader}, one-hot encodes the label column and standardizes the features, then a
 * small MLP is fitted with a validation split and evaluated.
 *
 * <p>The CSV ({@code x1,x2,x3,x4,species} with a header, 3 Gaussian clusters) is generated when the file is
 * absent. Run from the repository root:
 * <pre>
 * mvn -q -B install -DskipTests
 * mvn -q -B -pl samples exec:exec@sample -Dexec.mainClass=io.keras4j.samples.CsvTraining [-Dsample.args=file.csv]
 * </pre>
 */
public final class CsvTraining {
    private CsvTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "target/data/clusters.csv");
        if (!Files.exists(file)) {
            generate(file, 1500);
            System.out.println("generated " + file);
        }
        FeaturesLabels data = new CsvDataset(file, -1).skipNumLines(1).numClasses(3).normalize(true).load();
        System.out.println("features " + java.util.Arrays.toString(data.features().shape()) + ", labels "
                + java.util.Arrays.toString(data.labels().shape()));

        Utils.setRandomSeed(42);
        Sequential model = new Sequential();
        model.add(new Dense(16, "relu").inputShape(4));
        model.add(new Dense(3, "softmax"));
        model.compile("adam", "categorical_crossentropy", "accuracy");
        model.fit(data.features(), data.labels(), new FitOptions().epochs(10).batchSize(32).validationSplit(0.2).verbose(2));
        double[] result = model.evaluate(data.features(), data.labels(), 32, 0);
        System.out.printf("loss %.4f, accuracy %.4f%n", result[0], result[1]);
    }

    /** Three clusters in 4-D with different centres; the class is the last column. */
    static void generate(Path file, int rows) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Random random = new Random(1);
        double[][] centres = {{5.0, 3.4, 1.5, 0.2}, {5.9, 2.8, 4.3, 1.3}, {6.6, 3.0, 5.6, 2.0}};
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("x1,x2,x3,x4,species\n");
            for (int i = 0; i < rows; i++) {
                int label = i % 3;
                StringBuilder line = new StringBuilder();
                for (double c : centres[label]) {
                    line.append(String.format(java.util.Locale.ROOT, "%.3f,", c + 0.3 * random.nextGaussian()));
                }
                out.write(line.append(label).append('\n').toString());
            }
        }
    }
}
