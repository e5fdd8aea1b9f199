package io.keras4j.samples;

import io.keras4j.callbacks.History;
import io.keras4j.datasets.Mnist;
import io.keras4j.datasets.TrainTestData;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Flatten;
import io.keras4j.models.Sequential;
import io.keras4j.spark.Sample;
import io.keras4j.spark.SparkFitOptions;
import io.keras4j.spark.SparkModel;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

import static io.keras4j.utils.Utils.toCategorical;

/**
 * The seed script trained on Apache Spark: the MNIST MLP (784-512-10, RMSprop) with synchronous data-parallel
 * steps over the executors. Arguments: {@code [epochs] [partitions] [batchSize] [trainImages] [averagingFrequency]}
 * (default 5, 2, 128, 60000, 0 = synchronous). The master comes
 * from {@code spark-submit --master ...} or the {@code spark.master} system property, else {@code local[2]}.
 * Prints each epoch's progress bar, the training throughput and {@code test_acc}.
 */
public final class SparkMnist {
    private SparkMnist() {
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 60000;
        int averaging = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        SparkConf conf = new SparkConf().setAppName("keras4j SparkMnist").setIfMissing("spark.master", "local[2]")
                .setIfMissing("spark.ui.enabled", "false");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            TrainTestData mnist = Mnist.loadData();
            INDArray trainImages = mnist.xTrain().reshape(60000, 28 * 28).castTo(DataType.FLOAT).div(255);
            INDArray testImages = mnist.xTest().reshape(10000, 28 * 28).castTo(DataType.FLOAT).div(255);
            INDArray trainLabels = toCategorical(mnist.yTrain());
            INDArray testLabels = toCategorical(mnist.yTest());
            // In a real job the samples come from storage (sc.textFile, a DataFrame, ...); here from the driver's arrays.
            List<Sample> samples = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                samples.add(Sample.of(trainImages.getRow(i).toFloatVector(), trainLabels.getRow(i).toFloatVector()));
            }
            JavaRDD<Sample> train = sc.parallelize(samples, partitions);

            Sequential model = new Sequential();
            model.add(new Flatten().inputShape(28 * 28));
            model.add(new Dense(512, "relu"));
            model.add(new Dense(10, "softmax"));
            model.compile("rmsprop", "categorical_crossentropy", "accuracy");
            model.summary();
            long start = System.nanoTime();
            History history = new SparkModel(sc, model).fit(train, new SparkFitOptions().epochs(epochs).batchSize(batchSize)
                    .averagingFrequency(averaging));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("master %s, %d partitions, averaging every %d steps (0: synchronous): %.0f samples/s "
                    + "(%d epochs in %.1f s)%n", sc.master(), partitions, averaging,
                    (double) n * history.epoch().size() / seconds, history.epoch().size(), seconds);
            double[] result = model.evaluate(testImages, testLabels);
            System.out.println("test_acc: " + result[1]);
        }
    }
}
