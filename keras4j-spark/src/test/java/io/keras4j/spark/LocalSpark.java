package io.keras4j.spark;

import io.keras4j.models.Model;
import io.keras4j.models.Models;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/** Spark in local mode for tests (no UI, loopback only), and helpers shared by the tests. */
final class LocalSpark {
    private LocalSpark() {
    }

    /** A context on {@code master}, e.g. {@code local[2]} (two executor threads) or {@code local[2,2]} (tasks retried once). */
    static JavaSparkContext context(String master) {
        SparkConf conf = new SparkConf().setMaster(master).setAppName("keras4j-spark-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.sql.shuffle.partitions", "2");
        return new JavaSparkContext(conf);
    }

    /** A fresh model with the architecture and current weights of {@code model}, uncompiled. */
    static Model copy(Model model) {
        Model copy = Models.modelFromJson(model.toJson());
        copy.setWeights(model.getWeights());
        return copy;
    }

    /** One {@link Sample} per row of x and y (optionally weighted). */
    static List<Sample> samples(INDArray x, INDArray y, INDArray weights) {
        List<Sample> out = new ArrayList<>();
        for (int r = 0; r < x.size(0); r++) {
            Sample s = Sample.of(x.getRow(r).dup(), y.getRow(r).dup());
            out.add(weights == null ? s : s.withWeight(weights.getDouble(r)));
        }
        return out;
    }
}
