package io.keras4j.spark;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.KerasTensor;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Identity;
import io.keras4j.layers.Input;
import io.keras4j.models.Model;
import io.keras4j.saving.SerializationLib;
import io.keras4j.utils.Utils;
import org.apache.spark.Success$;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A task that fails once is retried by Spark ({@code local[2,2]}: two attempts per task) and the training result is unchanged. */
class SparkRetryTest {
    /** Training calls of {@link FailOnce} layers so far; the one numbered {@link #failAt} throws. */
    static final AtomicInteger CALLS = new AtomicInteger();
    static volatile int failAt = -1;

    /** A user layer that throws on one training call, as an executor running out of memory would. */
    static final class FailOnce extends Identity {
        @Override
        public String className() {
            return "FailOnce";
        }

        @Override
        protected INDArray call(INDArray input, CallContext ctx) {
            if (ctx.training() && CALLS.incrementAndGet() == failAt) {
                throw new IllegalStateException("injected failure of training call " + failAt);
            }
            return input;
        }
    }

    private static Model model() {
        KerasTensor in = Input.of(12);
        KerasTensor h = new FailOnce().apply(new Dense(8, "tanh").apply(in));
        Model m = new Model(in, new Dense(2, "softmax").apply(h));
        m.compile("adam", "categorical_crossentropy", "accuracy");
        return m;
    }

    private static List<INDArray> train(JavaSparkContext sc, List<Sample> samples, List<INDArray> initial) {
        Model m = model();
        m.setWeights(initial);
        new SparkModel(sc, m).fit(sc.parallelize(samples, 2), new SparkFitOptions().epochs(2).batchSize(16).seed(3).verbose(0));
        return m.getWeights();
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheResultIsUnchanged() throws Exception {
        SerializationLib.registerSerializable("keras4j_test", "FailOnce",
                c -> new Config("FailOnce", c).allow().applyBase(new FailOnce()));
        Utils.setRandomSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, 96, 12);
        INDArray y = Utils.toCategorical(x.getColumn(0).gt(0).castTo(DataType.INT), 2);
        List<Sample> samples = LocalSpark.samples(x, y, null);
        List<INDArray> initial = model().getWeights();
        JavaSparkContext sc = LocalSpark.context("local[2,2]");
        try {
            AtomicInteger failedTasks = new AtomicInteger();
            sc.sc().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    if (end.reason() != Success$.MODULE$) {
                        failedTasks.incrementAndGet();
                    }
                }
            });
            failAt = -1;
            List<INDArray> expected = train(sc, samples, initial);
            CALLS.set(0);
            failAt = 7;
            List<INDArray> retried = train(sc, samples, initial);
            sc.sc().listenerBus().waitUntilEmpty();
            assertEquals(1, failedTasks.get(), "failed task attempts");
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(Weights.floats(expected.get(i)), Weights.floats(retried.get(i)), "weight " + i);
            }
        } finally {
            failAt = -1;
            sc.stop();
        }
    }
}
